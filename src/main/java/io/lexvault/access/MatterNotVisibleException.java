package io.lexvault.access;

import io.lexvault.web.Refusal;

/**
 * The matter (or client, or wall) does not exist for the caller: it does not exist, belongs to another
 * firm, or lies behind a wall or outside their teams. Deliberately one exception for all of these, so
 * that no caller can tell them apart (answered 404).
 */
public class MatterNotVisibleException extends Refusal {

    public MatterNotVisibleException() {
        // Answered with the fixed sentence for the status: nothing tells this apart from others.
        super(Reason.NOT_FOUND, "Not found", null);
    }
}
