package vn.checkin.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Staff login sessions. Every token names its session ({@code sid}); a session is valid while it has not ended
 * (logout) and its account is active and still at the token version the session was opened under (deactivation, a
 * new password, other roles or sites raise it). Each instance remembers a session's answer for
 * {@code checkin.auth.session-check-interval} (2 s by default), so a token revoked on one instance is refused on
 * every other within that interval plus a request, and a reception screen polling every few seconds costs one
 * primary-key read per interval, not one per request.
 */
@ApplicationScoped
public class Sessions {

    private final EntityManager em;
    private final Clock clock;
    private final Cache<UUID, Boolean> valid;

    @Inject
    Sessions(EntityManager em, Clock clock, AuthConfig config) {
        this(em, clock, config.sessionCheckInterval());
    }

    /** Sessions as another instance sees them (its own memory of them), for tests. */
    Sessions(EntityManager em, Clock clock, Duration checkInterval) {
        this.em = em;
        this.clock = clock;
        this.valid = Caffeine.newBuilder().expireAfterWrite(checkInterval).maximumSize(100_000).build();
    }

    /** Opens a session for a login that has just checked its password. */
    @Transactional
    public StaffSession open(AppUser user, Duration lifetime) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        StaffSession session = new StaffSession();
        session.id = UUID.randomUUID();
        session.userId = user.id;
        session.userVersion = user.tokenVersion;
        session.createdAt = now;
        session.expiresAt = now.plus(lifetime);
        em.persist(session);
        return session;
    }

    /** What this instance last learned of the session, if it is recent enough to be trusted. */
    public Optional<Boolean> known(UUID sessionId) {
        return Optional.ofNullable(valid.getIfPresent(sessionId));
    }

    /** Reads whether the session is valid now (blocking), and remembers it for the check interval. */
    @Transactional
    public boolean check(UUID sessionId) {
        List<Object[]> rows = em.createQuery("select s.endedAt, s.expiresAt, s.userVersion, u.tokenVersion, u.active"
                        + " from StaffSession s, AppUser u where u.id = s.userId and s.id = :id", Object[].class)
                .setParameter("id", sessionId).getResultList();
        boolean ok = !rows.isEmpty() && rows.get(0)[0] == null
                && ((Instant) rows.get(0)[1]).isAfter(clock.instant())
                && ((Integer) rows.get(0)[2]).equals(rows.get(0)[3]) && (Boolean) rows.get(0)[4];
        valid.put(sessionId, ok);
        return ok;
    }

    /** Ends one session (logout). Other instances refuse it within the check interval; this one at once. */
    @Transactional
    public void end(UUID sessionId, String reason) {
        em.createQuery("update StaffSession s set s.endedAt = :now, s.endReason = :reason"
                        + " where s.id = :id and s.endedAt is null")
                .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MILLIS)).setParameter("reason", reason)
                .setParameter("id", sessionId).executeUpdate();
        valid.put(sessionId, false);
    }

    /**
     * Ends every open session of an account whose token version was raised in the caller's transaction (which
     * alone refuses them; ending them says why, and when).
     */
    @Transactional
    public void endAllOf(UUID userId, String reason) {
        em.createQuery("update StaffSession s set s.endedAt = :now, s.endReason = :reason"
                        + " where s.userId = :user and s.endedAt is null")
                .setParameter("now", clock.instant().truncatedTo(ChronoUnit.MILLIS)).setParameter("reason", reason)
                .setParameter("user", userId).executeUpdate();
        // Which of the remembered sessions are this user's is not known here; account changes are rare.
        valid.invalidateAll();
    }

    /** Deletes sessions that expired before {@code before}; returns how many. */
    @Transactional
    public int purgeExpired(Instant before) {
        return em.createQuery("delete from StaffSession s where s.expiresAt < :before").setParameter("before", before)
                .executeUpdate();
    }
}
