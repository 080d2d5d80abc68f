package vn.checkin.throttle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import vn.checkin.common.CheckinConfig;
import vn.checkin.common.DatabaseErrors;
import vn.checkin.common.GroupCommit;
import vn.checkin.common.ServerSecret;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Attempt counters shared by every instance, in the database: a login or a check-in reserves its attempts (one per
 * limit) and learns whether it stayed within them before it does anything else. A reservation is atomic: the
 * counter's row is locked by the update that counts it, so N parallel attempts against a limit of L get exactly L
 * "within" answers, however many instances they reach.
 * <p>
 * Reservations arriving together share one transaction ({@link GroupCommit}, a group of its own), and the counters
 * of one batch are updated in key order, so two instances counting the same keys wait for each other instead of
 * deadlocking. A counter whose window has ended starts again at the next attempt; ended windows are deleted by
 * {@link ThrottleSweep} through the index on their end, never by scanning the table.
 * <p>
 * Bucket4j, the library we looked at first, keeps its shared buckets in PostgreSQL, MySQL and a few other
 * databases but not in H2, the embedded default; and its JDBC modules are not served from our registry.
 */
@ApplicationScoped
public class Throttles {

    private static final Logger LOG = Logger.getLogger(Throttles.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int RELEASE_ATTEMPTS = 3;

    private final EntityManager em;
    private final ServerSecret secret;
    private final Clock clock;
    private final GroupCommit group;
    private final Counting counting;

    @Inject
    Throttles(EntityManager em, ServerSecret secret, Clock clock, CheckinConfig config) {
        this(em, secret, clock, config.groupCommitWait());
    }

    /** Counters of their own clock and group, on the same table: tests stand another instance with one. */
    Throttles(EntityManager em, ServerSecret secret, Clock clock, Duration groupWait) {
        this.em = em;
        this.secret = secret;
        this.clock = clock;
        this.group = new GroupCommit(em, groupWait);
        this.counting = new Counting(em);
    }

    /**
     * Counts one attempt against each limit and returns, when one or more of them is now exceeded, how long until
     * the latest of those windows ends (at least a second). The attempt is counted either way.
     */
    public Optional<Duration> reserve(List<Limit> limits) {
        return reserve(reservation(limits));
    }

    /** Counts an attempt made with {@link #reservation} in a commit of its own, as {@link #reserve(List)}. */
    public Optional<Duration> reserve(Reservation reservation) {
        group.run(() -> reservation, List.of(counted(reservation)));
        return reservation.retryAfter();
    }

    /** An attempt against these limits, not counted yet: {@link #counted} counts it in another group's batch. */
    public Reservation reservation(List<Limit> limits) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Reservation(now, limits.stream().map(l -> new Reservation.Counted(hash(l.key()), l)).toList());
    }

    /**
     * Counts the attempt in the batch of whichever group commit runs the work that names it, before that work:
     * the work then reads {@link Reservation#retryAfter()} and refuses itself, and the count commits with it.
     */
    public GroupCommit.Prepared<Reservation> counted(Reservation reservation) {
        return new GroupCommit.Prepared<>(counting, reservation);
    }

    /**
     * After a login succeeded: forgets the attempts counted under {@code forget} and gives one back to each of
     * {@code refund}, so a user who logs in is not held to the failures before, and an office's address is not
     * charged for its successful logins. The rows are changed in key order, like the counting (logins of one office
     * share its address's row), and a transaction that lost a race with another is run again. A release that still
     * fails is given up: it only leaves attempts counted until their window ends, never refuses the login.
     */
    public void release(List<String> forget, List<String> refund) {
        Map<String, Boolean> changes = new TreeMap<>();
        forget.forEach(key -> changes.put(hash(key), true));
        refund.forEach(key -> changes.putIfAbsent(hash(key), false));
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> changes.forEach((key, delete) -> (delete
                        ? em.createQuery("delete from ThrottleCounter c where c.keyHash = :key")
                        : em.createQuery("update ThrottleCounter c set c.hits = c.hits - 1"
                                + " where c.keyHash = :key and c.hits > 0"))
                        .setParameter("key", key).executeUpdate()));
                return;
            } catch (RuntimeException e) {
                if (!DatabaseErrors.isLostRace(e) || attempt == RELEASE_ATTEMPTS) {
                    LOG.warnf("Login attempts not released (%s): they stay counted until their window ends",
                            e.getClass().getSimpleName());
                    return;
                }
            }
        }
    }

    /** Deletes the counters whose window ended before {@code now}; returns how many. */
    @Transactional
    public int sweep(Instant now) {
        return em.createQuery("delete from ThrottleCounter c where c.windowEnd < :now").setParameter("now", now)
                .executeUpdate();
    }

    private String hash(String key) {
        return HEX.formatHex(secret.sign("throttle", key));
    }
}
