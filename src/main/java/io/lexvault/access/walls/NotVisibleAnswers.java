package io.lexvault.access.walls;

import io.lexvault.access.MatterNotVisibleException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A matter, client or wall the caller may not see is answered 404 by every controller, API or page,
 * like one that does not exist: mapped here once rather than in each controller that can meet it.
 * The error page or problem details come from the error controller, with its fixed sentence.
 */
@ControllerAdvice
class NotVisibleAnswers {

    @ExceptionHandler(MatterNotVisibleException.class)
    void notFound(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
}
