/**
 * Clients, matters, parties and conflict checks. This package is the module's API: the {@link
 * io.lexvault.matters.Matters} facade, typed ids and the matter records other modules use. The features
 * live in {@code clients}, {@code matter}, {@code numbers}, {@code parties} and {@code conflicts}, each
 * with its pages, API and package-private repository.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "identity", "access", "access :: roles", "audit", "web", "text"})
package io.lexvault.matters;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
