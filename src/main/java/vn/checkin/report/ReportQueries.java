package vn.checkin.report;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import vn.checkin.visit.Visit;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import static vn.checkin.report.ReportViews.FlagCounts;

/**
 * Aggregates over the arrival-time index. A person is their normalised phone, else their ID number, else the
 * visit itself (someone entered by staff with neither), counted through a 64-bit key of that identity.
 */
@ApplicationScoped
class ReportQueries {

    /** The person of a visit as a number (see {@link vn.checkin.visit.Visit#personHash}). */
    private static final String PERSON = "v.personHash";

    private static final Executor WORKERS = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "report-count");
        thread.setDaemon(true);
        return thread;
    });

    private final EntityManager em;
    private volatile Boolean postgres;

    ReportQueries(EntityManager em) {
        this.em = em;
    }

    record SiteCounts(long checkIns, long uniqueVisitors, long flagged, FlagCounts flags, long autoClosed) {
    }

    /** Counts per site of the visits that arrived in the range; {@code allSites} skips the site filter. */
    Map<UUID, SiteCounts> countsBySite(ReportPeriod.Range range, boolean allSites) {
        planForTheseValues();
        TypedQuery<Object[]> query = em.createQuery("select v.siteId, count(v), count(distinct " + PERSON + "), "
                + "sum(case when v.flagged = true then 1 else 0 end), "
                + "sum(case when v.flagFever = true then 1 else 0 end), "
                + "sum(case when v.flagSymptoms = true then 1 else 0 end), "
                + "sum(case when v.flagCloseContact = true then 1 else 0 end), "
                + "sum(case when v.flagOutbreakArea = true then 1 else 0 end), "
                + "sum(case when v.checkoutSource = :auto then 1 else 0 end) "
                + "from Visit v where " + where(allSites) + " group by v.siteId", Object[].class);
        bind(query, range, allSites).setParameter("auto", Visit.CheckoutSource.AUTO);
        Map<UUID, SiteCounts> counts = new HashMap<>();
        for (Object[] row : query.getResultList()) {
            counts.put((UUID) row[0], new SiteCounts(number(row[1]), number(row[2]), number(row[3]),
                    new FlagCounts(number(row[4]), number(row[5]), number(row[6]), number(row[7])), number(row[8])));
        }
        return counts;
    }

    /**
     * {@link #uniqueVisitors} in its own transaction on a worker thread, so the database counts distinct visitors
     * while the caller's transaction runs the per-site aggregate (two scans at once on two connections).
     */
    CompletableFuture<Long> uniqueVisitorsAsync(List<ReportPeriod.Range> ranges, boolean allSites) {
        return CompletableFuture.supplyAsync(
                () -> QuarkusTransaction.requiringNew().call(() -> uniqueVisitors(ranges, allSites)), WORKERS);
    }

    /** Distinct persons over every range: one count in the database when there is one range. */
    long uniqueVisitors(List<ReportPeriod.Range> ranges, boolean allSites) {
        planForTheseValues();
        if (ranges.size() == 1) {
            TypedQuery<Long> query = em.createQuery("select count(distinct " + PERSON + ") from Visit v where "
                    + where(allSites), Long.class);
            return bind(query, ranges.get(0), allSites).getSingleResult();
        }
        Set<Long> persons = new HashSet<>();
        for (ReportPeriod.Range range : ranges) {
            TypedQuery<Long> query = em.createQuery("select distinct " + PERSON + " from Visit v where "
                    + where(false), Long.class);
            persons.addAll(bind(query, range, false).getResultList());
        }
        return persons.size();
    }

    Map<UUID, Long> openNow(Collection<UUID> siteIds, boolean allSites) {
        TypedQuery<Object[]> query = em.createQuery("select v.siteId, count(v) from Visit v where v.checkedOutAt is null"
                + (allSites ? "" : " and v.siteId in :sites") + " group by v.siteId", Object[].class);
        if (!allSites) {
            query.setParameter("sites", siteIds);
        }
        Map<UUID, Long> open = new HashMap<>();
        for (Object[] row : query.getResultList()) {
            open.put((UUID) row[0], number(row[1]));
        }
        return open;
    }

    /**
     * On PostgreSQL, reports plan with their actual values (not a generic plan after five runs), and without plain
     * index scans: for a long period the planner otherwise walks (site_id, checked_out_at) to get rows in site order,
     * visiting the heap at random (2.0 s for 1M visits, against 0.5 s for a parallel scan and a sort). Short periods
     * still use the arrival-time index through bitmap scans.
     */
    private void planForTheseValues() {
        if (postgres == null) {
            postgres = em.getEntityManagerFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices()
                    .getDialect() instanceof PostgreSQLDialect;
        }
        if (postgres) {
            em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
            em.createNativeQuery("set local enable_indexscan = off").executeUpdate();
        }
    }

    static String where(boolean allSites) {
        return "v.checkedInAt >= :start and v.checkedInAt < :end" + (allSites ? "" : " and v.siteId in :sites");
    }

    static <T> TypedQuery<T> bind(TypedQuery<T> query, ReportPeriod.Range range, boolean allSites) {
        query.setParameter("start", range.start()).setParameter("end", range.end());
        if (!allSites) {
            query.setParameter("sites", range.siteIds());
        }
        return query;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
