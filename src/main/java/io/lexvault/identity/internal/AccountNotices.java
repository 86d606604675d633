package io.lexvault.identity.internal;

import io.lexvault.identity.Account;
import io.lexvault.mail.Outbox;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.PublicAddress;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The e-mails identity sends a user about their own account, queued in the caller's transaction
 * (firm bound). Links point at {@code lexvault.public-url}, never at the Host header of the request
 * that caused them, so nobody can make LexVault mail out a link to their own server.
 */
@Component
public class AccountNotices {

    private final Outbox outbox;
    private final Tenants tenants;
    private final String publicUrl;

    AccountNotices(Outbox outbox, Tenants tenants, PublicAddress publicAddress) {
        this.outbox = outbox;
        this.tenants = tenants;
        this.publicUrl = publicAddress.base();
    }

    public String link(String path) {
        return publicUrl + path;
    }

    public void accountLocked(Account account, Duration lock, String address) {
        send(account, "Your LexVault account has been locked", """
                Your LexVault account at %s was locked for %d minutes after several unsuccessful attempts
                to sign in (the last from the address %s).

                If this was you, wait and try again, or reset your password: %s
                If it was not you, someone may be trying to guess your password. Your firm's
                administrator can see these attempts in the audit log.
                """.formatted(
                        firm(), lock.toMinutes(), address, link("/password-reset")));
    }

    public void passwordChanged(Account account) {
        send(account, "Your LexVault password was changed", """
                The password of your LexVault account at %s has just been changed, and every other
                session of yours has been signed out.

                If you did not do this, reset your password now (%s) and tell your firm's administrator.
                """.formatted(firm(), link("/password-reset")));
    }

    public void passwordResetLink(Account account, String path, Duration validFor) {
        send(account, "Reset your LexVault password", """
                Someone (we hope you) asked to reset the password of your LexVault account at %s.

                Choose a new password here within %d minutes; the link works once:
                %s

                If you did not ask for this, ignore this message: your password stays as it is.
                """.formatted(firm(), validFor.toMinutes(), link(path)));
    }

    public void verificationCode(Account account, String code, Duration validFor) {
        send(account, "Your LexVault verification code", """
                Enter this code in LexVault to confirm your e-mail address: %s

                It is valid for %d minutes. If you did not ask for it, you can ignore this message.
                """.formatted(code, validFor.toMinutes()));
    }

    public void factorChanged(Account account, String what) {
        send(account, "A way to sign in to LexVault was changed", """
                %s

                If you did not do this, someone may be using your account: reset your password (%s),
                and tell your firm's administrator, who can remove every second factor of yours.
                """.formatted(what, link("/password-reset")));
    }

    public void signupWithKnownAddress(Account account) {
        send(account, "Someone tried to sign up for LexVault with your address", """
                Someone (perhaps you) tried to create a new firm on LexVault with this address, which already
                has an account at %s. Nothing was created.

                To use your account, sign in: %s
                If you forgot your password, reset it: %s
                """.formatted(
                        firm(), link("/login"), link("/password-reset")));
    }

    public void secondFactorsReset(Account account) {
        send(account, "Your LexVault two-factor authentication was reset", """
                An administrator of %s has reset the two-factor authentication of your LexVault account
                and signed you out everywhere. Sign in again to set it up anew.

                If you did not expect this, tell your firm's administrator.
                """.formatted(firm()));
    }

    private String firm() {
        return tenants.current().name();
    }

    private void send(Account account, String subject, String body) {
        outbox.enqueue(account.email(), subject, "Dear " + account.displayName() + ",\n\n" + body + "\nLexVault\n");
    }
}
