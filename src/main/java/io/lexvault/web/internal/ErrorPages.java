package io.lexvault.web.internal;

import io.lexvault.web.PublicEndpoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

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
        if (path.startsWith("/api/") || path.equals("/api")) {
            ProblemDetail problem = ProblemResponses.problem(status, path);
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("title", status.getReasonPhrase());
        page.addObject("detail", ProblemResponses.detailFor(status));
        return page;
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
