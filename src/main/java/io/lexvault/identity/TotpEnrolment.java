package io.lexvault.identity;

/**
 * An authenticator app being set up: the secret sealed for the user (kept in their session until
 * they confirm a code, never stored in clear), and what the page shows to get it into the app.
 */
public record TotpEnrolment(byte[] sealedSecret, String manualKey, String qrSvg) implements java.io.Serializable {

    @Override
    public String toString() {
        return "TotpEnrolment[sealed]";
    }
}
