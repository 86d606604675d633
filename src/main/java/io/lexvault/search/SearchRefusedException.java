package io.lexvault.search;

import io.lexvault.web.Refusal;

/** A search that cannot run as sent (too long a query, a malformed filter): 400 with our own sentence. */
public class SearchRefusedException extends Refusal {

    public SearchRefusedException(String sentence) {
        super(Reason.INVALID, sentence);
    }
}
