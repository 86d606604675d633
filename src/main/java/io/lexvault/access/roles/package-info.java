/**
 * Roles and permissions at the HTTP edge: the roles pages and API, the forms that give and take a
 * user's roles, and the drafts and refusals of role administration; behind them the {@code Roles} and
 * {@code RoleAssignments} services with their package-private repositories. Only those two services are
 * exposed to other modules, as the named interface {@code access :: roles}; the rest is internal.
 */
@NullMarked
package io.lexvault.access.roles;

import org.jspecify.annotations.NullMarked;
