package vn.checkin.ops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import vn.checkin.common.ClusteredJob;
import vn.checkin.common.DatabaseKind;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL: analyses the tables the service grows once they have changed by a tenth since their last statistics
 * (and by at least 1,000 rows), as autovacuum would, for servers where autovacuum is off or has not come round
 * yet, as on a database created minutes before a morning rush. Without statistics the planner guesses the
 * selectivity of every condition, and a pooled connection keeps the plans it made while the visit table was
 * empty (bench/fresh-pg.sh). Once per cluster, every 30 seconds; where autovacuum keeps up it finds nothing.
 */
@ApplicationScoped
public class TableStatistics implements ClusteredJob {

    private static final Logger LOG = Logger.getLogger(TableStatistics.class);
    private static final List<String> GROWING = List.of("visit", "report_site_day", "audit_entry", "tracing_row");

    private final EntityManager em;
    private final DatabaseKind database;

    TableStatistics(EntityManager em, DatabaseKind database) {
        this.em = em;
        this.database = database;
    }

    @Override
    public String jobName() {
        return "table-statistics";
    }

    @Override
    public Optional<Schedule> schedule() {
        return database.isPostgres() ? Schedule.every("30s", Duration.ofSeconds(15)) : Optional.empty();
    }

    @Override
    public void run() {
        for (String table : stale()) {
            long started = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("analyze " + table).executeUpdate());
            LOG.infof("Analysed table %s in %d ms", table, (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The growing tables changed by a tenth (and 1,000 rows) since they were last analysed. */
    @SuppressWarnings("unchecked")
    private List<String> stale() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                        select relname from pg_stat_user_tables
                        where relname in (?1, ?2, ?3, ?4)
                          and n_mod_since_analyze >= 1000 + 0.1 * greatest(n_live_tup - n_mod_since_analyze, 0)
                        order by relname""")
                .setParameter(1, GROWING.get(0)).setParameter(2, GROWING.get(1))
                .setParameter(3, GROWING.get(2)).setParameter(4, GROWING.get(3))
                .getResultList());
    }
}
