package io.lexvault.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a handler serves anyone, signed in or not (sign-in page, error page).
 *
 * <p>Every handler must declare what it needs: this annotation or a permission. An architecture test
 * fails the build for a handler that declares neither, so nothing becomes reachable by omission.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PublicEndpoint {

    /** Why this handler needs no sign-in; read in reviews. */
    String value();
}
