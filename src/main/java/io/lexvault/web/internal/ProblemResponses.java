package io.lexvault.web.internal;

import io.lexvault.web.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details for API clients. The detail is a fixed sentence per status: an
 * exception's own message may carry internals (SQL, paths, ids of other firms) and is never echoed.
 */
final class ProblemResponses implements ProblemWriter {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    static ProblemDetail problem(HttpStatus status, String path) {
        var problem = ProblemDetail.forStatusAndDetail(status, detailFor(status));
        problem.setInstance(URI.create(safePath(path)));
        return problem;
    }

    /**
     * The answer to a request that failed with {@code status}: problem details for the API (paths
     * under /api), the error page for browsers, both with {@code detail}. Declared {@code Object}: Spring
     * picks the return value handler by what is returned.
     */
    static Object answer(String path, HttpStatus status, String detail) {
        if (path.startsWith("/api/") || path.equals("/api")) {
            var problem = problem(status, path);
            problem.setDetail(detail);
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", status.getReasonPhrase());
        page.addObject("detail", detail);
        return page;
    }

    @Override
    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), problem(status, request.getRequestURI()));
    }

    static String detailFor(HttpStatus status) {
        return switch (status) {
            case UNAUTHORIZED -> "Sign in or send a valid API key.";
            case FORBIDDEN -> "You do not have permission for this action.";
            case NOT_FOUND -> "Nothing was found at this address.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that method.";
            case PAYLOAD_TOO_LARGE -> "The request is too large.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request's content type is not accepted here.";
            case TOO_MANY_REQUESTS -> "Too many requests; try again later.";
            default ->
                status.is4xxClientError()
                        ? "The request could not be processed."
                        : "Something went wrong on our side. It has been logged.";
        };
    }

    /** The instance is the request path only: no query string, which may hold tokens. */
    private static String safePath(String path) {
        try {
            return URI.create(path).getRawPath();
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
