package io.lexvault.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;

/** Writes an RFC 9457 problem response with the fixed sentence for its status, for filters that answer API clients. */
public interface ProblemWriter {

    void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status) throws IOException;
}
