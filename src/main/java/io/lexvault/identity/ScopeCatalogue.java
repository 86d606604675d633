package io.lexvault.identity;

import java.util.Collection;
import java.util.List;

/**
 * What API key scopes mean, for the page where keys are made: the permission catalogue lives in the
 * access module (which depends on this one), so it answers through this interface, as it answers
 * {@link AccessGrants}.
 */
public interface ScopeCatalogue {

    /** One scope in words: its label and description, under the group it belongs to. */
    record Scope(String key, String label, String description) {}

    record Group(String label, List<Scope> scopes) {}

    /** These scopes described, grouped and ordered as the catalogue orders them; unknown keys left out. */
    List<Group> describe(Collection<String> keys);
}
