package io.lexvault.web.internal;

import io.lexvault.web.CallerPermissions;
import io.lexvault.web.PermissionRefused;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/** Enforces {@link RequiresPermission} on every handler that declares it, before the handler runs. */
final class PermissionInterceptor implements HandlerInterceptor {

    private final ApplicationEventPublisher events;

    PermissionInterceptor(ApplicationEventPublisher events) {
        this.events = events;
    }

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
            if (CallerPermissions.signedIn()) {
                Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
                events.publishEvent(new PermissionRefused(
                        required.value(), request.getMethod(), pattern == null ? "" : pattern.toString()));
            }
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return false;
        }
        return true;
    }
}
