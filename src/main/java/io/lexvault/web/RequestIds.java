package io.lexvault.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id of its own, so that an audit event, a log line and what the user saw
 * (the {@code X-Request-Id} response header, the error page) can be tied together. The id is always
 * made here, never taken from the request: a client could otherwise make unrelated requests share
 * one id and blur an investigation.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIds extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";

    private static final String ATTRIBUTE = RequestIds.class.getName();
    private static final String LOG_KEY = "requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The current request's id, or null outside a request (the command line, a scheduled job). */
    public static @Nullable String current() {
        var attributes = RequestContextHolder.getRequestAttributes();
        return attributes == null ? null : (String) attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        MDC.put(LOG_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(LOG_KEY);
        }
    }
}
