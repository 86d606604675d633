/**
 * The signed-in user's home, where sign-in lands: their own matters, the documents changed lately in
 * the matters they may see, and what their account still needs. It only reads, through the other
 * modules' APIs as the caller, so everything it shows is inside the same walls as their pages.
 */
@NullMarked
@ApplicationModule(allowedDependencies = {"tenancy", "identity", "access", "matters", "documents", "web"})
package io.lexvault.home;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
