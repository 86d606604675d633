package io.lexvault.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/permissions.md} is written from {@link Permission} and {@link BuiltInRole}, never by
 * hand, so the catalogue and the role matrix people read are the ones the code enforces. The test
 * fails when the committed file differs from what the code renders.
 */
class PermissionsDocumentTests {

    static final String REGENERATE = "lexvault.regenerate-docs";

    static final String HOW_TO_REGENERATE = "./mvnw test -Dtest=PermissionsDocumentTests -D" + REGENERATE + "=true";

    @Test
    void permissionsDocumentIsWhatTheCodeSays() throws IOException {
        Path file = Path.of(System.getProperty("basedir", "."), "docs", "permissions.md");
        String rendered = render();
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(file, rendered, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .as(
                        "docs/permissions.md is generated from Permission and BuiltInRole; regenerate it with `%s`"
                                + " and commit the result",
                        HOW_TO_REGENERATE)
                .isEqualTo(rendered);
    }

    /** The whole document; only the code's data varies, the prose around it is fixed here. */
    static String render() {
        var groups = Arrays.stream(Permission.values())
                .collect(Collectors.groupingBy(Permission::group, LinkedHashMap::new, Collectors.toList()));
        var roles = BuiltInRole.values();
        var out = new StringBuilder();
        out.append("# Permissions and built-in roles\n\n");
        out.append(
                "<!-- Generated from Permission and BuiltInRole by PermissionsDocumentTests: do not edit by hand.\n");
        out.append("     Regenerate with: ").append(HOW_TO_REGENERATE).append(" -->\n\n");
        out.append("Everything a user may be allowed to do in LexVault is one of the ")
                .append(Permission.values().length)
                .append(" permissions below, grouped by what it acts on\n")
                .append(
                        "(`io.lexvault.access.Permission`). Roles are sets of permissions; an API key carries a subset\n")
                .append(
                        "of its owner's, and acts only with those its owner still holds; every page and API handler names\n")
                .append("the one permission it needs, or says why every signed-in user or every visitor may use it.\n")
                .append("No permission reaches across an ethical wall. How this is enforced and tested:\n")
                .append("[security.md](security.md), section 4.\n\n");
        out.append("## Built-in roles\n\n");
        out.append(
                        "Every firm has these roles (`io.lexvault.access.BuiltInRole`); firms copy them to make their own.\n")
                .append(
                        "PostgreSQL sees the same table in `lexvault.built_in_role_permissions`, for row-level security.\n\n");
        out.append("| role | key | for | permissions |\n| --- | --- | --- | ---: |\n");
        for (var role : roles) {
            out.append("| ")
                    .append(role.title())
                    .append(" | `")
                    .append(role.key())
                    .append("` | ")
                    .append(role.description())
                    .append(" | ")
                    .append(role.permissions().size())
                    .append(" |\n");
        }
        out.append("\n## Catalogue\n");
        groups.forEach((group, permissions) -> {
            out.append("\n### ").append(group).append("\n\n");
            out.append("| permission | allows |\n| --- | --- |\n");
            for (var permission : permissions) {
                out.append("| `")
                        .append(permission.key())
                        .append("` | ")
                        .append(permission.description())
                        .append(" |\n");
            }
        });
        out.append("\n## Who holds what\n\n");
        out.append("| permission |");
        for (var role : roles) {
            out.append(' ').append(role.title()).append(" |");
        }
        out.append("\n| --- |");
        out.append(" :-: |".repeat(roles.length));
        out.append('\n');
        groups.forEach((group, permissions) -> {
            out.append("| **").append(group).append("** |");
            out.append(" |".repeat(roles.length));
            out.append('\n');
            for (var permission : permissions) {
                out.append("| `").append(permission.key()).append("` |");
                for (var role : roles) {
                    out.append(role.permissions().contains(permission) ? " ✓ |" : " |");
                }
                out.append('\n');
            }
        });
        return out.toString();
    }
}
