/**
 * Roles and permissions at the HTTP edge: the roles pages and API, the forms that give and take a
 * user's roles, and the drafts and refusals of role administration. Internal to the access module.
 */
package io.lexvault.access.roles;
