package io.lexvault.identity;

import io.lexvault.identity.mfa.SecondFactors;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a user should still do for their own account's safety (their home page lists it): confirm
 * their e-mail address, which password resets are sent to, and turn on two-factor authentication.
 */
@Service
public class AccountTasks {

    /** One thing to do, with the page where it is done. */
    public enum Task {
        VERIFY_EMAIL("Confirm your e-mail address, so that a password reset can reach you.", "/account#email"),
        TURN_ON_TWO_FACTOR(
                "Turn on two-factor authentication: a stolen password alone then opens nothing.",
                "/account/two-factor");

        private final String text;
        private final String path;

        Task(String text, String path) {
            this.text = text;
            this.path = path;
        }

        public String text() {
            return text;
        }

        public String path() {
            return path;
        }
    }

    private final Accounts accounts;
    private final SecondFactors secondFactors;

    AccountTasks(Accounts accounts, SecondFactors secondFactors) {
        this.accounts = accounts;
        this.secondFactors = secondFactors;
    }

    /** The user's open tasks, most important first; empty when nothing is left to do. */
    @Transactional(readOnly = true)
    public List<Task> openFor(UserId user) {
        var tasks = new ArrayList<Task>();
        var account = accounts.find(user);
        if (account.isPresent() && account.get().emailVerifiedAt() == null) {
            tasks.add(Task.VERIFY_EMAIL);
        }
        // Without a password (single sign-on), the identity provider asks for the second factor.
        if (account.isPresent() && account.get().hasPassword() && !secondFactors.isEnrolled(user)) {
            tasks.add(Task.TURN_ON_TWO_FACTOR);
        }
        return List.copyOf(tasks);
    }
}
