/**
 * Parties to a matter: pages, API, service and repository. Named interface because the command line
 * adds the demo firm's parties through {@link io.lexvault.matters.parties.Parties}.
 */
@NullMarked
@NamedInterface("parties")
package io.lexvault.matters.parties;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
