package io.lexvault.matters;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A part of a matter's home page ({@code /matters/{id}}) that another module owns, such as its
 * documents: the matters module cannot depend on the modules that depend on it, so they contribute
 * their panel through this interface (a bean), rendered from their own template.
 */
public interface MatterOverviewPanel {

    /**
     * The panel for {@code matter} as the current caller may see it, or null when they may not (the
     * caller's permissions are checked by the contributing module). The matter is one the caller sees.
     */
    @Nullable
    Panel panel(Matter matter);

    /**
     * @param order where the panel goes among the others (smaller first)
     * @param template the Thymeleaf template holding a fragment {@code panel(p)}; {@code p} is this record
     * @param model what the fragment shows
     */
    record Panel(int order, String template, Map<String, Object> model) {
        public Panel {
            model = Map.copyOf(model);
        }
    }
}
