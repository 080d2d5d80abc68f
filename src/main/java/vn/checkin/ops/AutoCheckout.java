package vn.checkin.ops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import vn.checkin.common.ClusteredJob;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;
import vn.checkin.visit.Stays;
import vn.checkin.visit.Visit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Closes visits left open longer than their site's {@code defaultStayMinutes}, as {@code AUTO} at arrival plus
 * the default stay. Each visit is ended through {@link Stays} (a conditional update), so a visitor's or the
 * staff's checkout racing it keeps whichever came first, and replicas close each visit exactly once.
 */
@ApplicationScoped
public class AutoCheckout implements ClusteredJob {

    private static final Logger LOG = Logger.getLogger(AutoCheckout.class);

    private final EntityManager em;
    private final SiteRepository sites;
    private final Stays stays;
    private final OpsConfig config;
    private final Clock clock;

    AutoCheckout(EntityManager em, SiteRepository sites, Stays stays, OpsConfig config, Clock clock) {
        this.em = em;
        this.sites = sites;
        this.stays = stays;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String jobName() {
        return "auto-checkout";
    }

    @Override
    public Optional<Schedule> schedule() {
        return Schedule.every(config.autoCheckoutEvery(), Duration.ofSeconds(30));
    }

    @Override
    public void run() {
        scheduled();
    }

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
        for (Object[] row : overdue) {
            Instant arrival = (Instant) row[1];
            if (stays.end((UUID) row[0], arrival.plus(stay), Visit.CheckoutSource.AUTO, null)) {
                closedHere++;
            }
        }
        return new Batch(overdue.size(), closedHere);
    }
}
