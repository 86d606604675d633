package io.lexvault.web.internal;

import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link RequiresPermission} on every handler that declares it, before the handler runs. */
final class PermissionInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        var required = method.getMethodAnnotation(RequiresPermission.class);
        if (required == null) {
            return true;
        }
        boolean granted = CallerPermissions.holds(required.value());
        if (!granted) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        return true;
    }
}
