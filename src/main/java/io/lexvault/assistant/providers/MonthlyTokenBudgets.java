package io.lexvault.assistant.providers;

import io.lexvault.tenancy.TenantContext;
import io.lexvault.tenancy.TenantId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monthly token budgets (calendar months in UTC): the firm's, over all its users, and each user's. A
 * spent budget refuses further model answers until the month ends (HTTP 429 with the sentence saying
 * whose budget and when it renews); the offline answerer costs nothing and is not counted.
 */
@Service
class MonthlyTokenBudgets implements TokenBudgets {

    /** Spending of work without a person (none today) is counted for the firm under this id. */
    static final UUID NO_USER = new UUID(0, 0);

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

    private final AssistantSettingsRepository repository;
    private final Clock clock;

    MonthlyTokenBudgets(AssistantSettingsRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public void checkAvailable() {
        TenantId tenant = TenantContext.requireTenant();
        var settings = repository
                .settings(tenant)
                .map(AssistantSettingsRepository.StoredSettings::settings)
                .orElse(AssistantSettings.DEFAULTS);
        Long firmLimit = settings.firmMonthlyTokens();
        Long userLimit = settings.userMonthlyTokens();
        if (firmLimit == null && userLimit == null) {
            return;
        }
        LocalDate month = month();
        var spent = repository.spending(tenant, month, user());
        String renews = "it renews on " + month.plusMonths(1).format(DAY) + ".";
        if (firmLimit != null && spent.firm() >= firmLimit) {
            throw new BudgetSpentException("The firm's assistant budget for " + month.format(MONTH) + " ("
                    + String.format(Locale.ENGLISH, "%,d", firmLimit) + " tokens) is spent; " + renews
                    + " An administrator can raise it on the assistant settings page.");
        }
        if (userLimit != null && spent.user() >= userLimit) {
            throw new BudgetSpentException("Your own assistant budget for " + month.format(MONTH) + " ("
                    + String.format(Locale.ENGLISH, "%,d", userLimit) + " tokens) is spent; " + renews);
        }
    }

    @Override
    @Transactional
    public void record(int promptTokens, int answerTokens) {
        repository.addSpending(
                TenantContext.requireTenant(), month(), user(), Math.max(0, promptTokens), Math.max(0, answerTokens));
    }

    private LocalDate month() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC)).withDayOfMonth(1);
    }

    private static UUID user() {
        var user =
                TenantContext.current().map(TenantContext.Binding::actingUser).orElse(null);
        return user == null ? NO_USER : user;
    }
}
