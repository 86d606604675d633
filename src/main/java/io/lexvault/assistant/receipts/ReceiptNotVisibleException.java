package io.lexvault.assistant.receipts;

import io.lexvault.web.Refusal;

/**
 * The receipt does not exist for the caller: none, another firm's, or on a matter behind a wall or
 * outside their teams (or, when saving a note, on another matter). One answer for all: 404.
 */
class ReceiptNotVisibleException extends Refusal {

    ReceiptNotVisibleException() {
        // Answered with the fixed sentence for the status: nothing tells these cases apart.
        super(Reason.NOT_FOUND, "Not found", null);
    }
}
