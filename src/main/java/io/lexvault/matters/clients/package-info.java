/**
 * Clients of the firm: pages, API, service and repository. Named interface because the command line
 * creates the demo firm's clients through {@link io.lexvault.matters.clients.Clients}.
 */
@NullMarked
@NamedInterface("clients")
package io.lexvault.matters.clients;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
