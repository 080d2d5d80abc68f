package vn.checkin.visit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import vn.checkin.site.SiteRepository;

import java.util.List;
import java.util.UUID;

/**
 * Fills {@link Visit#personHash} for visits stored before the column existed, in batches. It runs in the
 * background once the service has started: finding that there is nothing to fill reads the whole visit table,
 * which must not delay start-up (only reports' unique-visitor counts of such old visits wait for it).
 */
@ApplicationScoped
public class PersonHashBackfill {

    private static final Logger LOG = Logger.getLogger(PersonHashBackfill.class);
    private static final int BATCH = 1000;

    private final EntityManager em;
    private final SiteRepository sites;
    private final ManagedExecutor executor;
    private volatile boolean stopping;

    PersonHashBackfill(EntityManager em, SiteRepository sites, ManagedExecutor executor) {
        this.em = em;
        this.sites = sites;
        this.executor = executor;
    }

    void onStart(@Observes StartupEvent event) {
        executor.runAsync(this::fillAll).exceptionally(failure -> {
            LOG.warn("Could not record the person key of older visits; the next start tries again", failure);
            return null;
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** Fills every visit without a person key; returns how many it filled. */
    long fillAll() {
        long filled = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::fillBatch);
            filled += batch;
        } while (batch == BATCH && !stopping);
        if (filled > 0) {
            LOG.infof("Recorded the person key of %d older visits", filled);
        }
        return filled;
    }

    private int fillBatch() {
        List<Object[]> rows = em.createQuery("select v.id, v.phone, v.idNumber from Visit v where v.personHash is null",
                Object[].class).setMaxResults(BATCH).getResultList();
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            em.createQuery("update Visit v set v.personHash = :hash where v.id = :id")
                    .setParameter("hash", Visit.personHash((String) row[1], (String) row[2], id))
                    .setParameter("id", id).executeUpdate();
        }
        if (!rows.isEmpty()) {
            // Stored report figures were counted without these persons' keys.
            sites.reportChangedEverywhere();
        }
        return rows.size();
    }
}
