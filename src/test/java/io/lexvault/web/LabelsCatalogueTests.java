package io.lexvault.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lexvault.access.Permission;
import io.lexvault.audit.AuditAction;
import io.lexvault.audit.AuditOutcome;
import io.lexvault.documents.Classification;
import io.lexvault.matters.MatterStatus;
import io.lexvault.matters.clients.ClientKind;
import io.lexvault.matters.parties.PartyKind;
import io.lexvault.matters.parties.PartyRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every key a page or an export shows has its words in the one catalogue (a raw key never reaches a reader). */
class LabelsCatalogueTests {

    private final Labels labels = new Labels();

    @Test
    void everyCataloguedKeyHasWords() {
        var missing = new ArrayList<String>();
        check(missing, "audit.action", AuditAction.values(), AuditAction::key);
        check(missing, "audit.outcome", AuditOutcome.values(), AuditOutcome::key);
        check(missing, "permission", Permission.values(), Permission::key);
        check(missing, "permission.group", Permission.values(), Permission::group);
        check(missing, "matter.status", MatterStatus.values(), MatterStatus::key);
        check(missing, "client.kind", ClientKind.values(), ClientKind::key);
        check(missing, "party.kind", PartyKind.values(), PartyKind::key);
        check(missing, "party.role", PartyRole.values(), PartyRole::key);
        check(missing, "classification", Classification.values(), c -> c.name().toLowerCase(Locale.ROOT));
        assertThat(missing)
                .as("keys without words in src/main/resources/labels/")
                .isEmpty();
    }

    @Test
    void wordsAreWordsNotKeys() {
        assertThat(labels.of("party.role", "opposing_party")).isEqualTo("Opposing party");
        assertThat(labels.of("classification", "CONFIDENTIAL")).isEqualTo("Confidential");
        assertThat(labels.of("matter.status", "open")).isEqualTo("Open");
        assertThat(labels.of("audit.action", "sign_in.succeeded")).isEqualTo("Signed in");
        assertThat(labels.of("permission.group", "api keys")).isEqualTo("API keys");
    }

    @Test
    void aKeyMissingFromTheCatalogueIsShownReadableNeverRaw() {
        assertThat(labels.of("audit.action", "future.thing_done")).isEqualTo("Future thing done");
    }

    private <T> void check(List<String> missing, String kind, T[] values, Function<T, String> key) {
        Arrays.stream(values)
                .map(key)
                .distinct()
                .filter(k -> labels.find(kind, k).isEmpty())
                .forEach(k -> missing.add(kind + "." + k));
    }
}
