package io.lexvault.identity.signin;

import io.lexvault.identity.AccessGrants;
import io.lexvault.identity.AccountStatus;
import io.lexvault.identity.Authorities;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantStatus;
import io.lexvault.tenancy.Tenants;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationRequestToken;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passkey sign-in: Spring Security verifies the signature (and, as we require, user verification on
 * the device); this turns the passkey's owner into our signed-in user.
 *
 * <p>A passkey with user verification is possession plus a PIN or biometric: it is a complete,
 * phishing-resistant sign-in on its own, so it needs no second step. It also works while the
 * account is locked after wrong passwords: the lock slows password guessing, which a passkey is
 * immune to, and it must not let anyone lock the owner out of their own account.
 */
class PasskeySignIn implements AuthenticationProvider {

    private final WebAuthnRelyingPartyOperations relyingParty;
    private final UserRepository users;
    private final AccessGrants grants;
    private final Tenants tenants;
    private final TransactionTemplate transactions;

    PasskeySignIn(
            WebAuthnRelyingPartyOperations relyingParty,
            UserRepository users,
            AccessGrants grants,
            Tenants tenants,
            TransactionTemplate transactions) {
        this.relyingParty = relyingParty;
        this.users = users;
        this.grants = grants;
        this.tenants = tenants;
        this.transactions = transactions;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return WebAuthnAuthenticationRequestToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        var request = ((WebAuthnAuthenticationRequestToken) authentication).getWebAuthnRequest();
        String owner;
        try {
            owner = relyingParty.authenticate(request).getName();
        } catch (RuntimeException e) {
            throw new BadCredentialsException("The passkey was not accepted", e);
        }
        var ids = SignedInUser.parse(owner).orElseThrow(() -> new BadCredentialsException("Unknown passkey owner"));
        return TenantContext.callAs(
                ids.tenant(),
                ids.user().value(),
                () -> transactions.execute(status -> {
                    var account = users.find(ids.tenant(), ids.user())
                            .filter(a -> a.status() == AccountStatus.ACTIVE)
                            .orElseThrow(() -> new BadCredentialsException("The account cannot sign in"));
                    if (tenants.current().status() != TenantStatus.ACTIVE) {
                        throw new BadCredentialsException("The firm is locked");
                    }
                    var user = new SignedInUser(
                            ids.tenant().value(), ids.user().value(), account.email(), account.displayName());
                    return UsernamePasswordAuthenticationToken.authenticated(
                            user, null, Authorities.of(grants.of(ids.tenant(), ids.user())));
                }));
    }
}
