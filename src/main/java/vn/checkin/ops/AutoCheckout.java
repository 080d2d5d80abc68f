package vn.checkin.ops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import vn.checkin.site.ReportDayChanges;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;
import vn.checkin.visit.Visit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Closes visits left open longer than their site's {@code defaultStayMinutes}, as {@code AUTO} at arrival plus
 * the default stay. Each visit is closed by a conditional update ({@code where checked_out_at is null}), so
 * replicas sharing one database close each visit exactly once.
 */
@ApplicationScoped
public class AutoCheckout {

    private static final Logger LOG = Logger.getLogger(AutoCheckout.class);

    private final EntityManager em;
    private final SiteRepository sites;
    private final ReportDayChanges reportDays;
    private final OpsConfig config;
    private final Clock clock;

    AutoCheckout(EntityManager em, SiteRepository sites, ReportDayChanges reportDays, OpsConfig config, Clock clock) {
        this.em = em;
        this.sites = sites;
        this.reportDays = reportDays;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "{checkin.ops.auto-checkout-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        int closed = closeOverdue(clock.instant());
        if (closed > 0) {
            LOG.infof("Auto-checkout closed %d visits", closed);
        }
    }

    /** Closes every visit overdue at {@code now}; returns how many this instance closed. */
    public int closeOverdue(Instant now) {
        List<UUID> siteIds = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select distinct v.siteId from Visit v where v.checkedOutAt is null", UUID.class).getResultList());
        int closed = 0;
        for (UUID siteId : siteIds) {
            closed += closeOverdueAt(siteId, now);
        }
        return closed;
    }

    private int closeOverdueAt(UUID siteId, Instant now) {
        int closed = 0;
        while (true) {
            Batch batch = QuarkusTransaction.requiringNew().call(() -> closeBatch(siteId, now));
            closed += batch.closed();
            if (batch.seen() < config.batchSize()) {
                return closed;
            }
        }
    }

    /** Overdue visits seen in one batch, and how many of them this instance closed (others: another replica). */
    private record Batch(int seen, int closed) {
    }

    private Batch closeBatch(UUID siteId, Instant now) {
        Site site = sites.findById(siteId);
        Duration stay = Duration.ofMinutes(site.defaultStayMinutes);
        List<Object[]> overdue = em.createQuery("""
                        select v.id, v.checkedInAt from Visit v
                        where v.siteId = :site and v.checkedOutAt is null and v.checkedInAt <= :cutoff
                        order by v.checkedInAt""", Object[].class)
                .setParameter("site", siteId)
                .setParameter("cutoff", now.minus(stay))
                .setMaxResults(config.batchSize())
                .getResultList();
        int closedHere = 0;
        List<Instant> arrivals = new ArrayList<>();
        for (Object[] row : overdue) {
            Instant closedAt = ((Instant) row[1]).plus(stay);
            closedHere += em.createQuery("""
                            update Visit v set v.checkedOutAt = :at, v.checkoutSource = :auto
                            where v.id = :id and v.checkedOutAt is null""")
                    .setParameter("at", closedAt)
                    .setParameter("auto", Visit.CheckoutSource.AUTO)
                    .setParameter("id", row[0])
                    .executeUpdate();
            arrivals.add((Instant) row[1]);
        }
        if (closedHere > 0) {
            sites.raiseMaxStay(siteId, stay.toSeconds());
            reportDays.visitsChanged(siteId, site.timeZone, arrivals);
        }
        return new Batch(overdue.size(), closedHere);
    }
}
