package io.lexvault.identity.mfa;

/**
 * An authenticator app being set up: the secret sealed for the user (only this is kept, in their
 * session, until they confirm a code), and what the page shows to get it into the app.
 */
public record TotpEnrolment(byte[] sealedSecret, String manualKey, String qrSvg) {

    @Override
    public String toString() {
        return "TotpEnrolment[sealed]";
    }
}
