package vn.checkin.ops;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.common.CheckinConfig;
import vn.checkin.common.ClusteredJob;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Deletes visits that arrived more than {@code checkin.retention-days} ago (their tracing rows go with them),
 * erases the declaration answers of visits older than {@code checkin.declaration-retention-days}, and deletes
 * audit entries older than {@code checkin.audit-retention-days}, in batches, one transaction each. The purge
 * itself is audited with counts only.
 */
@ApplicationScoped
public class RetentionPurge implements ClusteredJob {

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class);

    private final EntityManager em;
    private final AuditTrail audit;
    private final CheckinConfig checkin;
    private final OpsConfig config;
    private final Clock clock;

    RetentionPurge(EntityManager em, AuditTrail audit, CheckinConfig checkin, OpsConfig config, Clock clock) {
        this.em = em;
        this.audit = audit;
        this.checkin = checkin;
        this.config = config;
        this.clock = clock;
    }

    public record Result(Instant visitsBefore, long visitsDeleted, long queriesDeleted, Instant declarationsBefore,
                         long declarationsErased, Instant auditBefore, long auditEntriesDeleted) {
    }

    @Override
    public String jobName() {
        return "retention-purge";
    }

    /** In the server's time zone, like the cron of the settings. */
    @Override
    public Optional<Schedule> schedule() {
        return Optional.of(Schedule.cron(config.purgeCron(), ZoneId.systemDefault()));
    }

    @Override
    public void run() {
        scheduled();
    }

    void scheduled() {
        Result result = purge(clock.instant());
        LOG.infof("Retention purge: %d visits, %d tracing queries and %d audit entries deleted, %d declarations erased",
                result.visitsDeleted(), result.queriesDeleted(), result.auditEntriesDeleted(),
                result.declarationsErased());
    }

    public Result purge(Instant now) {
        Instant visitsBefore = now.minus(Duration.ofDays(checkin.retentionDays()));
        long deleted = deleteVisitsBefore(visitsBefore);
        long queries = deleteQueriesBefore(visitsBefore);
        Instant declarationsBefore = null;
        long erased = 0;
        if (checkin.declarationRetentionDays().isPresent()) {
            declarationsBefore = now.minus(Duration.ofDays(checkin.declarationRetentionDays().getAsInt()));
            erased = eraseDeclarationsBefore(declarationsBefore, now);
        }
        Instant auditBefore = now.minus(Duration.ofDays(checkin.auditRetentionDays()));
        long auditDeleted = deleteAuditEntriesBefore(auditBefore);
        Result result = new Result(visitsBefore, deleted, queries, declarationsBefore, erased, auditBefore,
                auditDeleted);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("visitsBefore", visitsBefore);
        counts.put("visitsDeleted", deleted);
        counts.put("tracingQueriesDeleted", queries);
        counts.put("declarationsBefore", declarationsBefore);
        counts.put("declarationsErased", erased);
        counts.put("auditBefore", auditBefore);
        counts.put("auditEntriesDeleted", auditDeleted);
        QuarkusTransaction.requiringNew().run(() ->
                audit.recordAs("system", AuditAction.RETENTION_PURGE, null, counts));
        return result;
    }

    private long deleteVisitsBefore(Instant cutoff) {
        long total = 0;
        while (true) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> {
                List<UUID> ids = em.createQuery(
                                "select v.id from Visit v where v.checkedInAt < :cutoff", UUID.class)
                        .setParameter("cutoff", cutoff).setMaxResults(config.batchSize()).getResultList();
                if (ids.isEmpty()) {
                    return 0;
                }
                em.createQuery("delete from TracingRow r where r.visitId in :ids").setParameter("ids", ids)
                        .executeUpdate();
                return em.createQuery("delete from Visit v where v.id in :ids").setParameter("ids", ids)
                        .executeUpdate();
            });
            total += deleted;
            if (deleted == 0) {
                QuarkusTransaction.requiringNew().run(() -> deleteReportDaysBefore(cutoff));
                return total;
            }
        }
    }

    /**
     * Stored report figures of the purged days hold their persons' keys: they go too, with the days around the
     * cutoff (in any time zone), which the next report reads from the visits that remain.
     */
    private void deleteReportDaysBefore(Instant cutoff) {
        em.createNativeQuery("delete from report_site_day where local_day <= ?1")
                .setParameter(1, cutoff.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)).executeUpdate();
    }

    /** Stored tracing queries name the case: they go with the visits they were about. */
    private long deleteQueriesBefore(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> ids = em.createQuery("select q.id from TracingQuery q where q.createdAt < :cutoff", UUID.class)
                    .setParameter("cutoff", cutoff).getResultList();
            if (ids.isEmpty()) {
                return 0L;
            }
            em.createQuery("delete from TracingRow r where r.queryId in :ids").setParameter("ids", ids).executeUpdate();
            return (long) em.createQuery("delete from TracingQuery q where q.id in :ids").setParameter("ids", ids)
                    .executeUpdate();
        });
    }

    /** The oldest entries first, a batch per transaction; the purge's own entry is made after them. */
    private long deleteAuditEntriesBefore(Instant cutoff) {
        int batch = config.batchSize();
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> audit.deleteOldestBefore(cutoff, batch));
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    private long eraseDeclarationsBefore(Instant cutoff, Instant now) {
        long total = 0;
        while (true) {
            int erased = QuarkusTransaction.requiringNew().call(() -> {
                List<UUID> ids = em.createQuery("""
                                select v.id from Visit v
                                where v.checkedInAt < :cutoff and v.declarationErasedAt is null""", UUID.class)
                        .setParameter("cutoff", cutoff).setMaxResults(config.batchSize()).getResultList();
                if (ids.isEmpty()) {
                    return 0;
                }
                return em.createQuery("""
                                update Visit v set v.temperatureC = null, v.symptoms = null, v.closeContact = false,
                                    v.outbreakArea = false, v.outbreakAreaDetails = null, v.vaccineDoses = null,
                                    v.declarationErasedAt = :now
                                where v.id in :ids""")
                        .setParameter("now", now).setParameter("ids", ids).executeUpdate();
            });
            total += erased;
            if (erased == 0) {
                return total;
            }
        }
    }
}
