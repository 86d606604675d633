package io.lexvault.matters.numbers;

/** The firm already has a matter with this number (answered 409). */
public class MatterNumberTakenException extends RuntimeException {

    public MatterNumberTakenException() {
        super("Matter number taken");
    }
}
