package io.lexvault.matters.clients;

import io.lexvault.identity.SignedInUser;
import io.lexvault.matters.ClientId;
import io.lexvault.matters.MatterRefusedException;
import io.lexvault.matters.MatterSort;
import io.lexvault.matters.Matters;
import io.lexvault.matters.SortOrder;
import io.lexvault.tenancy.Tenants;
import io.lexvault.web.CallerPermissions;
import io.lexvault.web.RequiresPermission;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The clients the caller may see ({@code /clients}), a new client ({@code /clients/new}) and one
 * client with its matters and the form that changes it ({@code /clients/{id}}). A client behind a
 * client-wide wall that screens the caller, or another firm's, is the 404 page like none at all. A
 * refused form is shown again with what was typed and why, so nothing typed is lost.
 */
@Controller
class ClientPages {

    static final int PAGE_SIZE = 50;

    /** The form's fields as typed (all text, so a refused form shows exactly what was sent). */
    record ClientForm(
            @Nullable String kind,
            @Nullable String name,
            @Nullable String email,
            @Nullable String phone,
            @Nullable String postalAddress,
            @Nullable String registrationNumber,
            @Nullable String notes) {

        static ClientForm empty() {
            return new ClientForm("organisation", "", "", "", "", "", "");
        }

        static ClientForm of(io.lexvault.matters.clients.Client c) {
            return new ClientForm(
                    c.kind().key(),
                    c.name(),
                    c.email(),
                    c.phone(),
                    c.postalAddress(),
                    c.registrationNumber(),
                    c.notes());
        }

        ClientDetails details() {
            return new ClientDetails(kind, name, email, phone, postalAddress, registrationNumber, notes);
        }
    }

    private final Clients clients;
    private final Matters matters;
    private final Tenants tenants;

    ClientPages(Clients clients, Matters matters, Tenants tenants) {
        this.clients = clients;
        this.matters = matters;
        this.tenants = tenants;
    }

    @GetMapping("/clients")
    @RequiresPermission("clients.read")
    String list(
            @AuthenticationPrincipal SignedInUser user,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(required = false) @Nullable String sort,
            Model model) {
        SortOrder<ClientSort> order;
        try {
            order = ClientSort.parse(sort);
        } catch (MatterRefusedException e) {
            order = ClientSort.DEFAULT;
        }
        var result = clients.list(Math.max(0, page), PAGE_SIZE, order);
        frame(user, model);
        model.addAttribute("clients", result.items());
        model.addAttribute("page", result.page());
        model.addAttribute("total", result.total());
        model.addAttribute("sort", order.text());
        model.addAttribute("hasNext", (long) (result.page() + 1) * PAGE_SIZE < result.total());
        model.addAttribute("mayCreate", CallerPermissions.holds("clients.create"));
        return "matters/clients";
    }

    @GetMapping("/clients/new")
    @RequiresPermission("clients.create")
    String newClient(@AuthenticationPrincipal SignedInUser user, Model model) {
        frame(user, model);
        model.addAttribute("form", ClientForm.empty());
        return "matters/client-new";
    }

    @PostMapping("/clients")
    @RequiresPermission("clients.create")
    String create(
            @AuthenticationPrincipal SignedInUser user,
            @ModelAttribute ClientForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            var id = clients.create(form.details());
            redirect.addFlashAttribute("notice", "The client was created.");
            return "redirect:/clients/" + id;
        } catch (MatterRefusedException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            frame(user, model);
            model.addAttribute("form", form);
            model.addAttribute("problem", e.getMessage());
            return "matters/client-new";
        }
    }

    @GetMapping("/clients/{id}")
    @RequiresPermission("clients.read")
    String detail(@AuthenticationPrincipal SignedInUser user, @PathVariable UUID id, Model model) {
        var client = clients.requested(new ClientId(id));
        return detailPage(user, client, ClientForm.of(client), model);
    }

    @PostMapping("/clients/{id}")
    @RequiresPermission("clients.update")
    String update(
            @AuthenticationPrincipal SignedInUser user,
            @PathVariable UUID id,
            @ModelAttribute ClientForm form,
            Model model,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        var client = clients.requested(new ClientId(id));
        try {
            clients.update(client.id(), form.details());
            redirect.addFlashAttribute("notice", "The client's details were saved.");
            return "redirect:/clients/" + id;
        } catch (MatterRefusedException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("problem", e.getMessage());
            return detailPage(user, client, form, model);
        }
    }

    private String detailPage(
            SignedInUser user, io.lexvault.matters.clients.Client client, ClientForm form, Model model) {
        frame(user, model);
        model.addAttribute("client", client);
        model.addAttribute("form", form);
        model.addAttribute("mayUpdate", CallerPermissions.holds("clients.update"));
        model.addAttribute("mayOpenMatter", CallerPermissions.holds("matters.create"));
        boolean mayReadMatters = CallerPermissions.holds("matters.read");
        model.addAttribute("mayReadMatters", mayReadMatters);
        if (mayReadMatters) {
            var filter = new Matters.Filter(MatterSort.DEFAULT, null, client.id());
            var page = matters.list(0, Matters.MAX_PAGE_SIZE, filter);
            model.addAttribute("matters", page.items());
            model.addAttribute("matterTotal", page.total());
        }
        return "matters/client";
    }

    private void frame(SignedInUser user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("firm", tenants.current());
    }
}
