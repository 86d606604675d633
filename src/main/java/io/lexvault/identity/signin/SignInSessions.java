package io.lexvault.identity.signin;

import io.lexvault.identity.RequestOrigin;
import io.lexvault.identity.SignedInUser;
import io.lexvault.identity.UserId;
import io.lexvault.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

/**
 * A user's server-side sessions (Spring Session JDBC, indexed by the user id): list them, end one,
 * end all but the current one.
 */
@Service
public class SignInSessions {

    /** Session attribute: where and on what the user signed in. */
    public static final String ORIGIN_ATTRIBUTE = "lexvault.origin";

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    SignInSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** The user's sessions: this one first (the one never to end by mistake), then most recently used first. */
    public List<ActiveSession> list(UserId user, @Nullable String currentSessionId) {
        return sessionsOf(user).values().stream()
                .map(session -> describe(session, currentSessionId))
                .sorted(Comparator.comparing((ActiveSession session) -> !session.current())
                        .thenComparing(
                                Comparator.comparing(ActiveSession::lastSeenAt).reversed()))
                .toList();
    }

    /** Ends the user's session named by {@code handle}; false when the user has no such session. */
    public boolean end(UserId user, String handle) {
        for (var session : sessionsOf(user).values()) {
            if (MessageDigest.isEqual(
                    handleOf(session.getId()).getBytes(StandardCharsets.US_ASCII),
                    handle.getBytes(StandardCharsets.US_ASCII))) {
                sessions.deleteById(session.getId());
                return true;
            }
        }
        return false;
    }

    /** Ends every session of the user except {@code keepSessionId} (null: all); returns how many. */
    public int endAllExcept(UserId user, @Nullable String keepSessionId) {
        int ended = 0;
        for (String id : sessionsOf(user).keySet()) {
            if (!id.equals(keepSessionId)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    private Map<String, ? extends Session> sessionsOf(UserId user) {
        return sessions.findByPrincipalName(SignedInUser.principalName(TenantContext.requireTenant(), user));
    }

    private static ActiveSession describe(Session session, @Nullable String currentSessionId) {
        RequestOrigin origin = session.getAttribute(ORIGIN_ATTRIBUTE);
        return new ActiveSession(
                handleOf(session.getId()),
                session.getCreationTime(),
                session.getLastAccessedTime(),
                origin == null ? "unknown" : origin.address(),
                origin == null ? "unknown device" : Devices.describe(origin.userAgent()),
                session.getId().equals(currentSessionId));
    }

    /** A stable public name for a session: a hash of its id, which cannot be turned back into the id. */
    static String handleOf(String sessionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
