package io.lexvault.access;

import io.lexvault.identity.ScopeCatalogue;
import io.lexvault.web.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** API key scopes described from the permission catalogue, grouped by area, in the words of the labels. */
@Component
class PermissionScopeCatalogue implements ScopeCatalogue {

    private final Labels labels;

    PermissionScopeCatalogue(Labels labels) {
        this.labels = labels;
    }

    @Override
    public List<Group> describe(Collection<String> keys) {
        Set<String> wanted = Set.copyOf(keys);
        var groups = new ArrayList<Group>();
        // Only scopes of features that exist: a key for a feature to come would do nothing.
        OfferedPermissions.byGroup().forEach((group, permissions) -> {
            var scopes = permissions.stream()
                    .filter(permission -> wanted.contains(permission.key()))
                    .map(permission -> new Scope(
                            permission.key(), labels.of("permission", permission.key()), permission.description()))
                    .toList();
            if (!scopes.isEmpty()) {
                groups.add(new Group(labels.of("permission.group", group), scopes));
            }
        });
        return groups;
    }
}
