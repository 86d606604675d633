package io.lexvault.matters.web;

import io.lexvault.matters.MatterRefusedException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Problem details (RFC 9457) for the matters APIs. */
public final class MattersProblems {

    private MattersProblems() {}

    /** Our own sentence about the request: 400 for bad input, 409 for a state that does not allow it. */
    public static ResponseEntity<ProblemDetail> refused(MatterRefusedException e) {
        var status =
                e.reason() == MatterRefusedException.Reason.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return problem(status, e.getMessage());
    }

    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
