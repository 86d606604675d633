package io.lexvault.assistant.guard;

/** The kinds of prompt injection the detector tells apart; the reason shown to the user names one. */
public enum InjectionClass {
    INSTRUCTION_OVERRIDE("tries to override the assistant's instructions"),
    ROLE_IMPERSONATION("pretends to be the system, the developer or another role"),
    DATA_EXFILTRATION("asks to send data elsewhere (links, images, addresses)"),
    TOOL_HIJACKING("tries to take over the answer's format or tools"),
    OBFUSCATION("hides text with encodings, look-alike letters or invisible characters"),
    MULTILINGUAL("an injection written in another language");

    private final String reason;

    InjectionClass(String reason) {
        this.reason = reason;
    }

    /** Words for the user, e.g. "tries to override the assistant's instructions". */
    public String reason() {
        return reason;
    }
}
