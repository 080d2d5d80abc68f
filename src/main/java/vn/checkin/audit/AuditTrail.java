package vn.checkin.audit;

import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.auth.CurrentUser;
import vn.checkin.common.GroupCommit;
import vn.checkin.common.PageResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Records audited actions in the caller's transaction (an action and its audit entry commit together) and
 * lists them. Details are criteria such as dates, filters and formats, never declarations or visitor data.
 * Every entry made in a request names the caller's login session when the token has one ({@code sid}).
 */
@ApplicationScoped
public class AuditTrail implements PanacheRepositoryBase<AuditEntry, UUID> {

    private static final int MAX_DETAIL = 2000;

    private final Clock clock;
    private final CurrentUser currentUser;
    private final GroupCommit groupCommit;

    AuditTrail(Clock clock, CurrentUser currentUser, GroupCommit groupCommit) {
        this.clock = clock;
        this.currentUser = currentUser;
        this.groupCommit = groupCommit;
    }

    /** Records an action of the user of the current request. */
    @Transactional
    public void record(AuditAction action, Object target, Map<String, ?> criteria) {
        persist(entry(currentUser.username(), currentUser.sessionId(), clock.instant(), action, text(target),
                detail(criteria)));
    }

    /**
     * Records an action of a named actor, e.g. {@code system} for scheduled jobs; in a request of that same actor
     * the entry names the request's session.
     */
    @Transactional
    public void recordAs(String actor, AuditAction action, Object target, Map<String, ?> criteria) {
        persist(entry(actor, sessionOf(actor), clock.instant(), action, text(target), detail(criteria)));
    }

    /**
     * Records a read of personal data by the user of the current request, outside any transaction of the caller,
     * and returns once it is stored. Reads recorded at the same moment share one commit ({@link GroupCommit}):
     * every reception screen reads its day log every few seconds, and with a commit each those reads queued on
     * the database's commit (JFR: day log pages of a 3,000-visit day waited there and for pooled connections).
     */
    public void recordRead(AuditAction action, Object target, Map<String, ?> criteria) {
        String actor = currentUser.username();
        UUID session = currentUser.sessionId();
        Instant at = clock.instant();
        String targetText = text(target);
        String detail = detail(criteria);
        groupCommit.run(() -> {
            persist(entry(actor, session, at, action, targetText, detail));
            return null;
        });
    }

    /**
     * Records a read that a screen repeats while it stays open (a reception screen polls its day log every few
     * seconds) only when it differs from the session's latest entry of that action, in its target or its criteria:
     * opening the log and changing its site, day or filter are recorded, the polls in between are not. A repeat
     * costs one probe of {@code ix_audit_entry_session_action_at} and no commit; the database is shared, so this
     * holds for a session whose reads reach different instances. A read that is recorded goes through
     * {@link #recordRead}'s shared commit, and is checked again there, so that two reads of one change arriving
     * together (a filter change and a poll) are recorded once. A caller without a session (none reaches here today:
     * staff tokens without one are refused) would have every read recorded.
     */
    public void recordReadOnChange(AuditAction action, Object target, Map<String, ?> criteria) {
        UUID session = currentUser.sessionId();
        if (session == null) {
            recordRead(action, target, criteria);
            return;
        }
        String actor = currentUser.username();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String targetText = text(target);
        String detail = detail(criteria);
        LatestEntry known = QuarkusTransaction.requiringNew().call(() -> latest(session, action));
        if (known != null && known.shows(targetText, detail)) {
            return;
        }
        groupCommit.run(() -> {
            // Earlier works of the batch are flushed before this query (same table), so they count too.
            LatestEntry latest = latest(session, action);
            if (latest == null || !latest.shows(targetText, detail)) {
                persist(entry(actor, session, latest == null ? at : latest.nextTime(at), action, targetText, detail));
            }
            return null;
        });
    }

    /** The session's latest entry of this action, or null. */
    private LatestEntry latest(UUID session, AuditAction action) {
        return getEntityManager().createQuery("""
                        select e.at, e.target, e.detail from AuditEntry e
                        where e.sessionId = :session and e.action = :action
                        order by e.at desc""", LatestEntry.class)
                .setParameter("session", session).setParameter("action", action.name())
                .setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    /**
     * Deletes the oldest entries made before {@code cutoff}, at most {@code limit} of them (read from the start of
     * {@code ix_audit_entry_at}, so a purge never scans the entries it keeps); returns how many it deleted.
     */
    @Transactional
    public int deleteOldestBefore(Instant cutoff, int limit) {
        List<UUID> ids = getEntityManager()
                .createQuery("select e.id from AuditEntry e where e.at < :cutoff order by e.at", UUID.class)
                .setParameter("cutoff", cutoff).setMaxResults(limit).getResultList();
        return ids.isEmpty() ? 0 : (int) delete("id in ?1", ids);
    }

    @Transactional
    public PageResponse<AuditView> list(AuditFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (filter.actor() != null) {
            where.append(" and actor = :actor");
            params.and("actor", filter.actor());
        }
        if (filter.action() != null) {
            where.append(" and action = :action");
            params.and("action", filter.action().name());
        }
        if (filter.target() != null) {
            where.append(" and target = :target");
            params.and("target", filter.target());
        }
        if (filter.from() != null) {
            where.append(" and at >= :from");
            params.and("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and at < :to");
            params.and("to", filter.to());
        }
        PanacheQuery<AuditEntry> query = find(where.toString(), Sort.descending("at").and("id"), params);
        return new PageResponse<>(query.page(page, size).list().stream()
                .map(e -> new AuditView(e.id, e.at, e.actor, e.action, e.target, e.detail, e.sessionId)).toList(),
                query.count(), page, size);
    }

    /** The session of the current request when {@code actor} is its user; none outside a request (jobs). */
    private UUID sessionOf(String actor) {
        if (!Arc.container().requestContext().isActive() || !actor.equals(currentUser.username())) {
            return null;
        }
        return currentUser.sessionId();
    }

    private static AuditEntry entry(String actor, UUID session, Instant at, AuditAction action, String target,
                                    String detail) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID();
        entry.at = at.truncatedTo(ChronoUnit.MILLIS);
        entry.actor = actor;
        entry.sessionId = session;
        entry.action = action.name();
        entry.target = target;
        entry.detail = detail;
        return entry;
    }

    private static String text(Object target) {
        return target == null ? null : target.toString();
    }

    static String detail(Map<String, ?> criteria) {
        if (criteria == null || criteria.isEmpty()) {
            return null;
        }
        String text = new LinkedHashMap<>(criteria).entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL) : text;
    }

    /** An entry as the audit API shows it ({@code sessionId} added in v1: null for entries made without one). */
    public record AuditView(UUID id, Instant at, String actor, String action, String target, String detail,
                            UUID sessionId) {
    }
}
