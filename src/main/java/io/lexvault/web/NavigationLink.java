package io.lexvault.web;

import org.jspecify.annotations.Nullable;

/**
 * One link of the signed-in header, declared by the module whose page it opens (through a {@link
 * NavigationContribution}). It is shown only to callers holding {@code permission} (any signed-in
 * user when null); showing is a courtesy, the handler behind it checks again. For an admin page that
 * everyone may read (the people list, groups), the permission is the one that lets them run it, so the
 * admin menu appears only for those who administer something.
 *
 * @param order where it stands in its menu, smallest first
 * @param path the page's address inside the application, e.g. {@code /matters}
 */
public record NavigationLink(
        Menu menu,
        int order,
        String label,
        String path,
        @Nullable String permission) {

    /** Where in the header a link stands. */
    public enum Menu {
        /** The firm's work: home, matters, clients, conflicts. */
        MAIN,
        /** Running the firm: people, roles, walls, audit; shown as a menu only to those who hold one. */
        ADMIN,
        /** The signed-in user's own account, security and keys. */
        ACCOUNT
    }
}
