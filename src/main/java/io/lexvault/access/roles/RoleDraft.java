package io.lexvault.access.roles;

import java.util.Collection;
import java.util.List;

/**
 * What a custom role should be, as someone typed or sent it: checked by {@link Roles} (title,
 * description, every permission a key of the catalogue) before anything is stored.
 *
 * @param permissions permission keys such as {@code matters.read}
 */
public record RoleDraft(String title, String description, Collection<String> permissions) {

    public RoleDraft {
        permissions = List.copyOf(permissions);
    }
}
