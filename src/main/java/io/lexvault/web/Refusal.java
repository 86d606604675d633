package io.lexvault.web;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A request LexVault refuses, with why in words of the domain (not of HTTP): the one mapping of the
 * edge answers it with problem details for {@code /api/**} and the error page for browsers, the status
 * chosen by {@link Reason}. Modules subclass it for the refusals their controllers meet, so no
 * controller maps its own. A page that turns a refusal into a form error catches it itself.
 *
 * <p>The detail the caller reads is either our own sentence about what they sent (it never quotes
 * their input or anything read from the database) or, when there is none, the fixed sentence for the
 * reason: what is not visible must read exactly like what does not exist.
 */
public abstract class Refusal extends RuntimeException {

    /** Why a request is refused; the edge picks the status from it. */
    public enum Reason {
        /** What was sent is malformed or out of bounds (400). */
        INVALID,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** Nothing there for this caller: none, another firm's, or behind a wall (404). */
        NOT_FOUND,
        /** The request is fine but the present state does not allow it (409). */
        CONFLICT,
        /** Larger than allowed (413). */
        TOO_LARGE,
        /** A kind of content that is not accepted here (415). */
        UNSUPPORTED,
        /** Over a rate limit; {@link #retryAfter()} says when to try again (429). */
        TOO_MANY,
        /** A service this request needs (an AI provider) cannot answer now (503). */
        UNAVAILABLE
    }

    private final Reason refusal;
    private final @Nullable String detail;

    /** Answered with {@code sentence}: our own words about what the caller sent, safe to show them. */
    protected Refusal(Reason refusal, String sentence) {
        this(refusal, sentence, sentence);
    }

    /**
     * Answered with {@code detail}, or with the fixed sentence for the reason when it is null; the
     * message is for pages that show it themselves, and for the log.
     */
    protected Refusal(Reason refusal, String message, @Nullable String detail) {
        super(message);
        this.refusal = refusal;
        this.detail = detail;
    }

    /** Why, for the edge (named so that subclasses keep their own finer {@code reason()}). */
    public final Reason refusal() {
        return refusal;
    }

    /** The sentence the caller reads, or empty for the fixed sentence of the reason. */
    public final Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** When a {@link Reason#TOO_MANY} refusal may be tried again (the Retry-After header). */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
