package io.lexvault.web;

/**
 * A request parameter or body field outside what a handler accepts, answered 400 by the one error
 * mapping of the edge. The detail is assembled here from a parameter's name and a fixed phrase the
 * handler chose, so what the caller reads is always our wording, never an exception's message.
 */
public final class InvalidRequest extends RuntimeException {

    private final String detail;

    private InvalidRequest(String detail) {
        // No message and no stack trace: nothing in here is meant for a log or for the caller but detail.
        super(null, null, false, false);
        this.detail = detail;
    }

    /** "Parameter 'from' must be between 0 and the log's size." from ("from", "between 0 and the log's size"). */
    public static InvalidRequest parameter(String name, String mustBe) {
        return new InvalidRequest("Parameter '" + name + "' must be " + mustBe + ".");
    }

    /** "Field 'years' must be a whole number between 1 and 100." for a JSON body's field. */
    public static InvalidRequest field(String name, String mustBe) {
        return new InvalidRequest("Field '" + name + "' must be " + mustBe + ".");
    }

    /** A condition over several parameters, e.g. "Parameters 'index' and 'size' must ...". */
    public static InvalidRequest parameters(String sentence) {
        return new InvalidRequest(sentence);
    }

    public String detail() {
        return detail;
    }
}
