package vn.checkin.site;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Fills {@link Site#maxStaySeconds} for sites that have closed visits but no recorded maximum (visits stored
 * before the column existed). Runs in the background once the service has started, since its query can read
 * every closed visit of the sites without a maximum; on an up-to-date database it finds nothing to do.
 */
@ApplicationScoped
public class SiteStayBackfill {

    private static final Logger LOG = Logger.getLogger(SiteStayBackfill.class);

    private final EntityManager em;
    private final SiteRepository sites;
    private final ManagedExecutor executor;

    SiteStayBackfill(EntityManager em, SiteRepository sites, ManagedExecutor executor) {
        this.em = em;
        this.sites = sites;
        this.executor = executor;
    }

    void onStart(@Observes StartupEvent event) {
        executor.runAsync(() -> {
            int filled = QuarkusTransaction.requiringNew().call(this::backfill);
            if (filled > 0) {
                LOG.infof("Recorded the longest stay of %d sites", filled);
            }
        }).exceptionally(failure -> {
            LOG.warn("Could not record the longest stay of older sites; the next start tries again", failure);
            return null;
        });
    }

    int backfill() {
        List<Object[]> longest = em.createQuery("""
                        select v.siteId, max((v.checkedOutAt - v.checkedInAt) by second) from Visit v
                        where v.checkedOutAt is not null
                          and v.siteId in (select s.id from Site s where s.maxStaySeconds = 0)
                        group by v.siteId""", Object[].class)
                .getResultList();
        for (Object[] row : longest) {
            sites.raiseMaxStay((UUID) row[0], (long) Math.ceil(((Number) row[1]).doubleValue()));
        }
        return longest.size();
    }
}
