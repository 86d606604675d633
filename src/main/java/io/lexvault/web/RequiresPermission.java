package io.lexvault.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the permission a handler needs (its key, e.g. {@code users.invite}). Checked before the
 * handler runs against what the user may do at this request (roles are re-read for every request):
 * a signed-in user without it gets 403.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresPermission {

    String value();
}
