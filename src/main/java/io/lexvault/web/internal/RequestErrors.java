package io.lexvault.web.internal;

import io.lexvault.text.InvalidTextException;
import io.lexvault.web.InvalidRequest;
import io.lexvault.web.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one mapping of malformed and refused requests ({@link Refusal}), for every controller: problem details for {@code /api/**},
 * the error page for browsers, both with our own sentence naming the parameter or field and what it
 * must be. Exceptions of parsing and conversion carry the input and Java type names in their messages
 * ("For input string: ...", "Failed to convert ..."); none of that is ever shown. A controller's own
 * handlers still win for its own exception types; it must not handle {@link IllegalArgumentException}
 * itself, because Spring matches a handler against an exception's causes too, and a binding failure
 * caused by a {@link NumberFormatException} would then be answered by it instead of here.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class RequestErrors {

    @ExceptionHandler(InvalidRequest.class)
    Object invalid(InvalidRequest e, HttpServletRequest request) {
        return badRequest(request, e.detail());
    }

    /**
     * Every refusal a module throws, answered here once: the status from its reason, the detail its
     * own sentence or the fixed one for the status (so a thing not visible reads like none at all).
     */
    @ExceptionHandler(Refusal.class)
    Object refusal(Refusal e, HttpServletRequest request, HttpServletResponse response) {
        var status = statusOf(e.refusal());
        e.retryAfter().ifPresent(wait -> response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait.toSeconds())));
        return answer(request, status, e.detail().orElseGet(() -> ProblemResponses.detailFor(status)));
    }

    static HttpStatus statusOf(Refusal.Reason reason) {
        return switch (reason) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /** Refused human-entered text: its sentence names the field and the reason, never the input. */
    @ExceptionHandler(InvalidTextException.class)
    Object invalidText(InvalidTextException e, HttpServletRequest request) {
        return badRequest(request, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    Object mismatchedParameter(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return badRequest(request, "Parameter '" + e.getName() + "' must be " + expected(e.getRequiredType()) + ".");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    Object missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
        return badRequest(request, "Parameter '" + e.getParameterName() + "' is required.");
    }

    /** Form fields bound to an object (pages): the first field that failed, by name. */
    @ExceptionHandler(BindException.class)
    Object unbound(BindException e, HttpServletRequest request) {
        FieldError field = e.getFieldError();
        if (field == null) {
            return badRequest(request, ProblemResponses.detailFor(HttpStatus.BAD_REQUEST));
        }
        TypeMismatchException mismatch =
                field.contains(TypeMismatchException.class) ? field.unwrap(TypeMismatchException.class) : null;
        return badRequest(
                request,
                mismatch == null
                        ? "Field '" + field.getField() + "' is not valid."
                        : "Field '" + field.getField() + "' must be " + expected(mismatch.getRequiredType()) + ".");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    Object unreadableBody(HttpMessageNotReadableException e, HttpServletRequest request) {
        return badRequest(request, bodyProblem(e));
    }

    /**
     * Conversions and parsing outside Spring's argument binding, and the refusals controllers throw
     * for input they do not accept: all the caller's mistake, answered with the fixed sentence. (A
     * parameter type with no converter at all, {@code ConversionNotSupportedException}, is our own
     * mistake and stays a 500.)
     */
    @ExceptionHandler({ConversionFailedException.class, DateTimeParseException.class, IllegalArgumentException.class})
    Object refused(HttpServletRequest request) {
        return badRequest(request, ProblemResponses.detailFor(HttpStatus.BAD_REQUEST));
    }

    private static String bodyProblem(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause == null) {
            return "The request body is missing.";
        }
        if (!(cause instanceof JacksonException jackson)) {
            return "The request body could not be read.";
        }
        String field = path(jackson.getPath());
        if (cause instanceof UnrecognizedPropertyException) {
            return "Field '" + field + "' is not known.";
        }
        if (field.isEmpty()) {
            return cause instanceof MismatchedInputException
                    ? "The request body must be a JSON object."
                    : "The request body is not valid JSON.";
        }
        if (cause instanceof InvalidNullException) {
            return "Field '" + field + "' must not be null.";
        }
        Class<?> target = null;
        if (cause instanceof MismatchedInputException mismatch) {
            target = mismatch.getTargetType();
        } else if (cause instanceof InputCoercionException coercion) {
            target = coercion.getTargetType();
        } else {
            return "The request body is not valid JSON.";
        }
        return "Field '" + field + "' must be " + expected(target) + ".";
    }

    /** "screened[0].id": the way to the field, as the caller wrote it. */
    private static String path(List<JacksonException.Reference> references) {
        var path = new StringBuilder();
        for (var reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What a value of the type looks like, in words; never the type's Java name. */
    static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type == int.class
                || type == long.class
                || type == short.class
                || type == byte.class
                || type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == Byte.class
                || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == double.class || type == float.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == LocalDate.class) {
            return "a date like 2026-01-31";
        }
        if (type == Instant.class || type == OffsetDateTime.class) {
            return "a time like 2026-01-31T09:00:00Z";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> ((Enum<?>) constant).name())
                            .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "text";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a valid value";
    }

    /**
     * Problem details for API clients, the error page for browsers (declared {@code Object}: Spring
     * picks the return value handler by what is returned).
     */
    private static Object badRequest(HttpServletRequest request, String detail) {
        return answer(request, HttpStatus.BAD_REQUEST, detail);
    }

    private static Object answer(HttpServletRequest request, HttpStatus status, String detail) {
        return ProblemResponses.answer(request.getRequestURI(), status, detail);
    }
}
