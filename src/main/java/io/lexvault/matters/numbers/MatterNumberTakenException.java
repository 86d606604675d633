package io.lexvault.matters.numbers;

import io.lexvault.web.Refusal;

/** The firm already has a matter with this number (answered 409). */
public class MatterNumberTakenException extends Refusal {

    public MatterNumberTakenException() {
        // Answered with the fixed sentence for the status: nothing tells this apart from others.
        super(Reason.CONFLICT, "Matter number taken", null);
    }
}
