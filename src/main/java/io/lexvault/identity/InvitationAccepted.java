package io.lexvault.identity;

import java.util.List;
import java.util.UUID;

/**
 * Someone accepted an invitation and now has an account. Published inside the transaction that
 * made the account, so the roles the invitation named are assigned (by the access module) in that
 * same transaction or not at all.
 */
public record InvitationAccepted(UUID tenant, UUID user, List<String> roles) {

    public InvitationAccepted {
        roles = List.copyOf(roles);
    }
}
