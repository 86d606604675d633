package io.lexvault.web.internal;

import io.lexvault.web.CallerPermissions;
import io.lexvault.web.Navigation;
import io.lexvault.web.NavigationContribution;
import io.lexvault.web.NavigationLink;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the header's navigation for its caller: the modules' links, each only for those who
 * hold its permission (re-read per request, like the permission check itself).
 */
@ControllerAdvice
class NavigationAdvice {

    private final List<NavigationLink> links;

    NavigationAdvice(ObjectProvider<NavigationContribution> contributions) {
        this.links = contributions
                .orderedStream()
                .flatMap(contribution -> contribution.links().stream())
                .sorted(Comparator.comparingInt(NavigationLink::order))
                .toList();
    }

    @ModelAttribute("navigation")
    Navigation navigation(HttpServletRequest request) {
        if (!CallerPermissions.signedIn()) {
            return Navigation.SIGNED_OUT;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        var visible = links.stream()
                .filter(link -> link.permission() == null || CallerPermissions.holds(link.permission()))
                .toList();
        // One current link: the longest that contains the page (/account/api-keys is "API keys",
        // not also "Your account").
        String current = visible.stream()
                .map(NavigationLink::path)
                .filter(linkPath -> contains(linkPath, path))
                .max(Comparator.comparingInt(String::length))
                .orElse(null);
        return new Navigation(
                true,
                items(visible, NavigationLink.Menu.MAIN, current),
                items(visible, NavigationLink.Menu.ADMIN, current),
                items(visible, NavigationLink.Menu.ACCOUNT, current));
    }

    private static List<Navigation.Item> items(
            List<NavigationLink> visible, NavigationLink.Menu menu, @Nullable String current) {
        return visible.stream()
                .filter(link -> link.menu() == menu)
                .map(link -> new Navigation.Item(
                        link.label(), link.path(), link.path().equals(current)))
                .toList();
    }

    static boolean contains(String linkPath, String path) {
        if (linkPath.equals("/")) {
            return path.equals("/");
        }
        return path.equals(linkPath) || path.startsWith(linkPath + "/");
    }
}
