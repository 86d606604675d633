package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The permission catalogue covers what the access-control issue asks for, in a form the UI and SQL can use. */
class PermissionCatalogueTests {

    /** The same rule as the CHECK on lexvault.built_in_role_permissions.permission (migration V1_022). */
    private static final String KEY_FORMAT = "[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+";

    @Test
    void catalogueHasAtLeastFiftyDistinctWellFormedKeys() {
        var keys = Arrays.stream(Permission.values()).map(Permission::key).toList();
        assertThat(keys).hasSizeGreaterThanOrEqualTo(50).doesNotHaveDuplicates();
        assertThat(keys).allSatisfy(key -> assertThat(key).matches(KEY_FORMAT));
        assertThat(keys)
                .allSatisfy(key -> assertThat(Permission.fromKey(key))
                        .hasValueSatisfying(p -> assertThat(p.key()).isEqualTo(key)));
    }

    @Test
    void everyPermissionHasAOneLineDescriptionForTheUi() {
        assertThat(Permission.values())
                .allSatisfy(permission -> assertThat(permission.description())
                        .as(permission.key())
                        .isNotBlank()
                        .doesNotContain("\n", "|")
                        .hasSizeLessThanOrEqualTo(100)
                        .endsWith("."));
    }

    @Test
    void catalogueCoversEveryGroupTheAccessIssueNames() {
        var groups = Arrays.stream(Permission.values()).map(Permission::group).collect(Collectors.toSet());
        assertThat(groups)
                .contains(
                        "firm",
                        "users",
                        "roles",
                        "walls",
                        "clients",
                        "matters",
                        "teams",
                        "documents",
                        "search",
                        "assistant",
                        "audit",
                        "api keys",
                        "exports",
                        "privacy");
        assertThat(keysOf("documents"))
                .contains(
                        "documents.read",
                        "documents.upload",
                        "documents.download",
                        "documents.delete",
                        "documents.classify",
                        "documents.share");
        assertThat(keysOf("assistant")).contains("assistant.use", "assistant.configure");
        assertThat(keysOf("audit")).contains("audit.read", "audit.export");
        assertThat(keysOf("privacy")).contains("privacy_requests.read", "privacy_requests.manage");
    }

    @Test
    void theFirmsConflictsOfficersSeeConflictHitsInFull() {
        assertThat(keysOf("matters")).contains("conflicts.check", "conflicts.check.all");
        assertThat(BuiltInRole.INTAKE_COORDINATOR.permissions())
                .contains(Permission.CONFLICTS_CHECK, Permission.CONFLICTS_CHECK_ALL);
        assertThat(BuiltInRole.ADMINISTRATOR.permissions()).contains(Permission.CONFLICTS_CHECK_ALL);
        assertThat(BuiltInRole.ATTORNEY.permissions()).doesNotContain(Permission.CONFLICTS_CHECK_ALL);
        assertThat(BuiltInRole.PARALEGAL.permissions()).doesNotContain(Permission.CONFLICTS_CHECK_ALL);
    }

    private static Set<String> keysOf(String group) {
        return Arrays.stream(Permission.values())
                .filter(permission -> permission.group().equals(group))
                .map(Permission::key)
                .collect(Collectors.toSet());
    }
}
