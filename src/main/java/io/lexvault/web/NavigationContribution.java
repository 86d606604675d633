package io.lexvault.web;

import java.util.List;

/**
 * The links a module adds to the signed-in header, so that the layout knows no module's pages and a
 * new page is reachable by declaring its link next to its controller.
 */
public interface NavigationContribution {

    List<NavigationLink> links();
}
