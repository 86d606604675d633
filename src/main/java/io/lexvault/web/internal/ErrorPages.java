package io.lexvault.web.internal;

import io.lexvault.web.PublicEndpoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every error ends here (unknown address, wrong method, unhandled exception): problem details for
 * {@code /api/**}, an error page for browsers. Neither ever shows an exception's message or stack.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    @PublicEndpoint("errors must render for everyone, including signed-out users")
    Object error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
                ? uri
                : request.getRequestURI();
        return ProblemResponses.answer(path, status, ProblemResponses.detailFor(status));
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
            HttpStatus status = HttpStatus.resolve(code);
            if (status != null && status.isError()) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}
