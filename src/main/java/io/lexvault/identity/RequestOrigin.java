package io.lexvault.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where an action came from: the client address and user agent of the current request, or the
 * command line. The address is what the servlet container reports (behind a proxy, configure
 * {@code server.forward-headers-strategy} so that it is the client's, not the proxy's).
 */
public record RequestOrigin(String address, String userAgent) implements java.io.Serializable {

    public static final RequestOrigin COMMAND_LINE = new RequestOrigin("local", "lexvault-cli");

    private static final int MAX_USER_AGENT = 300;

    /** The current request's origin, or {@link #COMMAND_LINE} outside a request. */
    public static RequestOrigin current() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return of(attributes.getRequest());
        }
        return COMMAND_LINE;
    }

    public static RequestOrigin of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        agent = agent == null ? "" : agent.replaceAll("\\p{Cntrl}", " ").strip();
        if (agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new RequestOrigin(request.getRemoteAddr(), agent);
    }
}
