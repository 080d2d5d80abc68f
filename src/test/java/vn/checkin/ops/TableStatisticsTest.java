package vn.checkin.ops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import vn.checkin.common.DatabaseKind;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The table-statistics job: PostgreSQL only, analyses a growing table once it changed enough since its last ANALYZE. */
@QuarkusTest
class TableStatisticsTest {

    @Inject
    TableStatistics statistics;
    @Inject
    DatabaseKind database;
    @Inject
    EntityManager em;

    @Test
    void isScheduledOnPostgreSqlOnly() {
        assertThat(statistics.schedule().isPresent()).isEqualTo(database.isPostgres());
    }

    @Test
    void analysesATableThatChangedByATenthSinceItsLastStatistics() throws Exception {
        assumeTrue(database.isPostgres(), "ANALYZE and pg_stat_user_tables are PostgreSQL's");
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("analyze audit_entry").executeUpdate());
        Instant before = lastAnalyze();
        long live = number("select n_live_tup from pg_stat_user_tables where relname = 'audit_entry'");
        // The job's threshold: 1,000 rows and a tenth of the rows there were before them.
        long rows = 1_100 + live / 10;
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                        insert into audit_entry (id, at, actor, action, target, detail)
                        select gen_random_uuid(), now(), 'statistics-test', 'TEST', null, null
                        from generate_series(1, ?1)""").setParameter(1, rows).executeUpdate());
        // The counters reach pg_stat_user_tables shortly after the commit.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (number("select n_mod_since_analyze from pg_stat_user_tables where relname = 'audit_entry'") < rows) {
            assertThat(System.nanoTime()).as("insert counted in pg_stat_user_tables").isLessThan(deadline);
            Thread.sleep(200);
        }

        statistics.run();

        assertThat(lastAnalyze()).isNotNull().isAfter(before);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from audit_entry where actor = 'statistics-test'").executeUpdate());
    }

    private Instant lastAnalyze() {
        Object at = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select last_analyze from pg_stat_user_tables where relname = 'audit_entry'").getSingleResult());
        return at == null ? Instant.EPOCH : at instanceof Instant instant ? instant
                : ((java.time.OffsetDateTime) at).toInstant();
    }

    private long number(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult())
                .longValue());
    }
}
