package io.lexvault.access;

/**
 * The matter (or client, or wall) does not exist for the caller: it does not exist, belongs to another
 * firm, or lies behind a wall or outside their teams. Deliberately one exception for all of these, so
 * that no caller can tell them apart (answered 404).
 */
public class MatterNotVisibleException extends RuntimeException {

    public MatterNotVisibleException() {
        super("Not found");
    }
}
