package io.lexvault.web;

import java.util.List;

/**
 * The header's navigation as the current caller may use it (model attribute {@code navigation} of
 * every page): empty menus for a signed-out visitor.
 */
public record Navigation(boolean signedIn, List<Item> main, List<Item> admin, List<Item> account) {

    /** A link as the page shows it; {@code current} when the page is this link's or lies under it. */
    public record Item(String label, String path, boolean current) {}

    public static final Navigation SIGNED_OUT = new Navigation(false, List.of(), List.of(), List.of());

    public Navigation {
        main = List.copyOf(main);
        admin = List.copyOf(admin);
        account = List.copyOf(account);
    }

    public boolean hasAdmin() {
        return !admin.isEmpty();
    }

    /** Whether the current page is one of the admin menu's, so that the menu names it. */
    public boolean inAdmin() {
        return admin.stream().anyMatch(Item::current);
    }
}
