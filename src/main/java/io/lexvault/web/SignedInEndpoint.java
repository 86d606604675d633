package io.lexvault.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that any signed-in user of a firm may use a handler because it acts only on that user's
 * own account (their profile, sessions, password, MFA). Handlers that reach firm data declare a
 * permission instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SignedInEndpoint {

    /** Why every signed-in user may do this; read in reviews. */
    String value();
}
