package io.lexvault.search.index;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The matters a reader may see, as the index applies it: either a list of matters ({@link #only}: the
 * team's matters of someone without {@code matters.read.all}), or every matter of the firm but those a
 * wall screens the reader from, by the matter or by its client ({@link #allBut}: a reader of all
 * matters). The second form keeps a firm-wide reader's filter as small as their walls, whatever the
 * firm's size: no list of the firm's matters is read or sent to the index.
 *
 * <p>Two scopes computed independently (the database's view of the reader and the application's) are
 * combined with {@link #and}: a matter is in the result only when both admit it.
 *
 * @param included the matters admitted, or null for every matter of the firm
 * @param excludedMatters matters never admitted, even when listed in {@code included}
 * @param excludedClients clients whose matters are never admitted
 */
public record MatterScope(@Nullable Set<UUID> included, Set<UUID> excludedMatters, Set<UUID> excludedClients) {

    public static final MatterScope NOTHING = new MatterScope(Set.of(), Set.of(), Set.of());

    public MatterScope {
        included = included == null ? null : Set.copyOf(included);
        excludedMatters = Set.copyOf(excludedMatters);
        excludedClients = Set.copyOf(excludedClients);
    }

    /** These matters, no others. */
    public static MatterScope only(Set<UUID> matters) {
        return new MatterScope(matters, Set.of(), Set.of());
    }

    /** Every matter of the firm but these, and but those of these clients. */
    public static MatterScope allBut(Set<UUID> matters, Set<UUID> clients) {
        return new MatterScope(null, matters, clients);
    }

    /** What both scopes admit. */
    public MatterScope and(MatterScope other) {
        Set<UUID> both;
        if (included == null) {
            both = other.included;
        } else if (other.included == null) {
            both = included;
        } else {
            both = new HashSet<>(included);
            both.retainAll(other.included);
        }
        return new MatterScope(
                both, union(excludedMatters, other.excludedMatters), union(excludedClients, other.excludedClients));
    }

    /** Whether this matter, of this client, is in the scope. */
    public boolean admits(UUID matter, UUID client) {
        return admitsMatter(matter) && !excludedClients.contains(client);
    }

    /**
     * Whether this matter is in the scope as far as its id tells (its client's exclusion is not known
     * here; the index applies it to every chunk).
     */
    public boolean admitsMatter(UUID matter) {
        return (included == null || included.contains(matter)) && !excludedMatters.contains(matter);
    }

    /** True when no matter at all can be admitted. */
    public boolean isEmpty() {
        return included != null && excludedMatters.containsAll(included);
    }

    private static Set<UUID> union(Set<UUID> a, Set<UUID> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        var all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
