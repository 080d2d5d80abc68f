package vn.checkin.visit;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/** Fills {@link Visit#personHash} for visits stored before the column existed, in batches, at start-up. */
@ApplicationScoped
public class PersonHashBackfill {

    private static final Logger LOG = Logger.getLogger(PersonHashBackfill.class);
    private static final int BATCH = 1000;

    private final EntityManager em;

    PersonHashBackfill(EntityManager em) {
        this.em = em;
    }

    void onStart(@Observes StartupEvent event) {
        long filled = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::fillBatch);
            filled += batch;
        } while (batch == BATCH);
        if (filled > 0) {
            LOG.infof("Recorded the person key of %d older visits", filled);
        }
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
        return rows.size();
    }
}
