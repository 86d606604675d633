/**
 * Ethical walls and groups at the HTTP edge: the walls page and API, the groups page, the refusals of
 * wall changes, and the one 404 for a matter the caller may not see. Internal to the access module.
 */
package io.lexvault.access.walls;
