/**
 * The permission catalogue, built-in and custom roles, matter teams and ethical walls. This package is
 * the module's API (what other modules use) with the services behind it and their package-private
 * repositories; the roles feature (its edge, the {@code Roles} and {@code RoleAssignments} services,
 * exposed as {@code access :: roles}, and their repositories) is in {@code roles}, the walls and groups
 * feature's edge in {@code walls}. The walls, groups and teams services stay here with their
 * repositories because {@code MatterAccess} reads the same repositories (screening, group membership,
 * team matters) on every matter query; moving them would make the repositories public. How matters and
 * access meet: docs/adr/0009-access-and-matters-seam.md.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "identity", "audit", "mail", "web", "text"})
package io.lexvault.access;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
