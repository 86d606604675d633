package io.lexvault.identity.signin;

import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SecurityEventType;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.internal.SecurityEvents;
import io.lexvault.identity.internal.UserRepository;
import io.lexvault.tenancy.TenantContext;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of every sign-in, once every factor has been shown: clears the failure count,
 * records the time, and publishes the one {@code SIGN_IN_SUCCEEDED} event, naming the factors used.
 */
@Component
public class SignInCompletion {

    private final UserRepository users;
    private final SecurityEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SignInCompletion(UserRepository users, SecurityEvents events, TransactionTemplate transactions, Clock clock) {
        this.users = users;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    public void complete(SignedInUser user, String method, RequestOrigin origin) {
        TenantContext.runAs(
                user.tenantId(),
                user.user(),
                () -> transactions.executeWithoutResult(status -> {
                    users.recordSuccess(user.tenantId(), user.userId(), clock.instant());
                    events.publish(
                            SecurityEventType.SIGN_IN_SUCCEEDED,
                            user.tenant(),
                            user.user(),
                            user.user(),
                            origin,
                            Map.of("method", method));
                }));
    }
}
