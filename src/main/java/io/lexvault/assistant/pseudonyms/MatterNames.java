package io.lexvault.assistant.pseudonyms;

import io.lexvault.access.MatterNotVisibleException;
import io.lexvault.access.Teams;
import io.lexvault.matters.MatterId;
import io.lexvault.matters.Matters;
import io.lexvault.matters.parties.Parties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * The names the database knows for a matter, read as the caller through the matters and access
 * modules' own services (so their walls and row-level security apply): the matter's client ({@code
 * client}), its parties ({@code party}), and the people on its team ({@code person}; a group's name
 * is not a person's and is left out). What the pseudonymiser replaces before a prompt leaves.
 */
@Service
public class MatterNames {

    private final Matters matters;
    private final Parties parties;
    private final Teams teams;

    MatterNames(Matters matters, Parties parties, Teams teams) {
        this.matters = matters;
        this.parties = parties;
        this.teams = teams;
    }

    /**
     * The matter's known names, each once (the first kind wins: a client who is also a party stays a
     * client).
     *
     * @throws MatterNotVisibleException when the caller may not see the matter (404; the refused look is
     *     recorded by {@link Matters#requested})
     */
    public List<KnownName> of(MatterId id) {
        var matter = matters.requested(id);
        var names = new LinkedHashMap<String, KnownName>();
        add(names, new KnownName(matter.clientName(), "client"));
        for (int page = 0; ; page++) {
            var result = parties.list(matter.id(), "name", page, Parties.MAX_PAGE_SIZE);
            result.items().forEach(p -> add(names, new KnownName(p.name(), "party")));
            if ((long) (page + 1) * Parties.MAX_PAGE_SIZE >= result.total()
                    || result.items().isEmpty()) {
                break;
            }
        }
        var ref = matters.ref(matter.id()).orElseThrow(MatterNotVisibleException::new);
        for (var member : teams.members(ref)) {
            if (member.member().user() != null) {
                add(names, new KnownName(member.name(), "person"));
            }
        }
        return new ArrayList<>(names.values());
    }

    private static void add(LinkedHashMap<String, KnownName> names, KnownName name) {
        if (!name.name().isBlank()) {
            names.putIfAbsent(name.name().strip().toLowerCase(Locale.ROOT), name);
        }
    }
}
