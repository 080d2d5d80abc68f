package vn.checkin.report;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.common.ApiException;
import vn.checkin.common.ClusteredJob;
import vn.checkin.common.PageResponse;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static vn.checkin.report.ReportViews.Summary;

/**
 * A summary per organization for every local day once it has ended at all of the organization's sites, each in
 * its own time zone, produced by a job that runs every hour (and caught up for the last week after a restart),
 * stored so the report exists even if nobody asked for it that day. Replicas may race: the unique
 * (organization, day) key keeps one.
 */
@ApplicationScoped
public class DailyReports implements PanacheRepositoryBase<DailyReport, UUID>, ClusteredJob {

    static final String NO_ORGANIZATION = "(không thuộc đơn vị / no organization)";
    private static final int CATCH_UP_DAYS = 7;
    /** The zone of {@code checkin.ops.daily-report-cron}. */
    private static final ZoneId CRON_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Logger LOG = Logger.getLogger(DailyReports.class);

    private final ReportService reports;
    private final SiteRepository sites;
    private final AuditTrail audit;
    private final Clock clock;
    private final String cron;

    DailyReports(ReportService reports, SiteRepository sites, AuditTrail audit, Clock clock,
                 @ConfigProperty(name = "checkin.ops.daily-report-cron") String cron) {
        this.reports = reports;
        this.sites = sites;
        this.audit = audit;
        this.clock = clock;
        this.cron = cron;
    }

    @Override
    public String jobName() {
        return "daily-reports";
    }

    @Override
    public Optional<Schedule> schedule() {
        return Optional.of(Schedule.cron(cron, CRON_ZONE));
    }

    @Override
    public void run() {
        scheduled();
    }

    void scheduled() {
        int made = produceMissing(clock.instant());
        if (made > 0) {
            LOG.infof("Produced %d daily reports", made);
        }
    }

    /**
     * Produces, for each organization, the reports of its last {@value #CATCH_UP_DAYS} ended days that do not exist
     * yet; answers how many it made. An organization's day has ended once it has ended in the time zone of every
     * one of its sites (the zone furthest west ends it last), so no site's row is ever stored with its day still
     * going on.
     */
    public int produceMissing(Instant now) {
        Map<String, List<Site>> byOrganization = QuarkusTransaction.requiringNew().call(() -> sites.listAll().stream()
                .collect(Collectors.groupingBy(DailyReports::organizationOf)));
        Map<String, LocalDate> lastEnded = new HashMap<>();
        byOrganization.forEach((organization, its) -> lastEnded.put(organization, ReportPeriod.lastEndedDay(its, now)));
        Set<Stored> stored = storedSince(lastEnded.values().stream().min(Comparator.naturalOrder())
                .map(day -> day.minusDays(CATCH_UP_DAYS - 1)).orElse(null));
        int made = 0;
        for (Map.Entry<String, List<Site>> organization : byOrganization.entrySet()) {
            Set<UUID> siteIds = organization.getValue().stream().map(s -> s.id).collect(Collectors.toSet());
            LocalDate last = lastEnded.get(organization.getKey());
            for (LocalDate day = last.minusDays(CATCH_UP_DAYS - 1); !day.isAfter(last); day = day.plusDays(1)) {
                if (!stored.contains(new Stored(organization.getKey(), day))
                        && produce(organization.getKey(), siteIds, day, now)) {
                    made++;
                }
            }
        }
        return made;
    }

    /** An (organization, day) that has its report. */
    private record Stored(String organization, LocalDate day) {
    }

    /**
     * The reports stored from {@code first} on, read at once: the job runs every hour and most of its days are
     * done, which would otherwise be a transaction per organization and day each time.
     */
    private Set<Stored> storedSince(LocalDate first) {
        if (first == null) {
            return Set.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> getEntityManager().createQuery(
                        "select r.organization, r.reportDay from DailyReport r where r.reportDay >= ?1", Object[].class)
                .setParameter(1, first).getResultStream()
                .map(row -> new Stored((String) row[0], (LocalDate) row[1])).collect(Collectors.toSet()));
    }

    private boolean produce(String organization, Set<UUID> siteIds, LocalDate day, Instant now) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (count("organization = ?1 and reportDay = ?2", organization, day) > 0) {
                    return false;
                }
                persist(toReport(organization, day, now, reports.compute(new ReportPeriod(day, day), siteIds, now)));
                flush();
                return true;
            });
        } catch (RuntimeException raced) {
            // Another replica stored the same report first: keep theirs.
            long stored = QuarkusTransaction.requiringNew()
                    .call(() -> count("organization = ?1 and reportDay = ?2", organization, day));
            if (stored > 0) {
                return false;
            }
            throw raced;
        }
    }

    @Transactional
    public PageResponse<DailyReportView> list(String organization, LocalDate from, LocalDate to, int page, int size) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (organization != null) {
            where.append(" and organization = :organization");
            params.and("organization", organization);
        }
        if (from != null) {
            where.append(" and reportDay >= :from");
            params.and("from", from);
        }
        if (to != null) {
            where.append(" and reportDay <= :to");
            params.and("to", to);
        }
        PanacheQuery<DailyReport> query = find(where.toString(), Sort.descending("reportDay").and("organization"), params);
        return new PageResponse<>(query.page(page, size).list().stream().map(DailyReports::view).toList(),
                query.count(), page, size);
    }

    /** One stored report in the shape of a summary; reading it is audited. */
    @Transactional
    public Summary get(UUID id, String format) {
        DailyReport report = findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Daily report " + id));
        audit.record(AuditAction.REPORT_VIEW, id, Map.of("daily", report.reportDay, "format", format));
        List<ReportViews.SiteSummary> rows = report.sites.stream()
                .map(r -> new ReportViews.SiteSummary(r.siteId, r.siteName, r.checkIns, r.uniqueVisitors, r.flagged,
                        new ReportViews.FlagCounts(r.fever, r.symptoms, r.closeContact, r.outbreakArea), r.autoClosed,
                        r.openNow))
                .sorted((a, b) -> a.siteName().compareTo(b.siteName())).toList();
        ReportViews.FlagCounts flags = rows.stream().map(ReportViews.SiteSummary::flaggedByKind)
                .reduce(new ReportViews.FlagCounts(0, 0, 0, 0), ReportViews.FlagCounts::plus);
        long openNow = rows.stream().mapToLong(ReportViews.SiteSummary::openNow).sum();
        List<ReportViews.SiteRef> silent = report.sites.stream().filter(r -> r.silent)
                .map(r -> new ReportViews.SiteRef(r.siteId, r.siteName)).toList();
        return new Summary(report.reportDay, report.reportDay, rows, new ReportViews.Totals(report.checkIns, report.uniqueVisitors,
                report.flagged, flags, report.autoClosed, openNow), silent);
    }

    public record DailyReportView(UUID id, String organization, LocalDate day, Instant generatedAt, long checkIns,
                                  long uniqueVisitors, long flagged, long autoClosed, int silentSites) {
    }

    private static DailyReportView view(DailyReport r) {
        return new DailyReportView(r.id, r.organization, r.reportDay, r.generatedAt, r.checkIns, r.uniqueVisitors,
                r.flagged, r.autoClosed, r.silentSites);
    }

    private static DailyReport toReport(String organization, LocalDate day, Instant now, Summary summary) {
        DailyReport report = new DailyReport();
        report.id = UUID.randomUUID();
        report.organization = organization;
        report.reportDay = day;
        report.generatedAt = now.truncatedTo(ChronoUnit.MILLIS);
        report.checkIns = summary.totals().checkIns();
        report.uniqueVisitors = summary.totals().uniqueVisitors();
        report.flagged = summary.totals().flagged();
        report.autoClosed = summary.totals().autoClosed();
        report.silentSites = summary.silentSites().size();
        Set<UUID> silent = summary.silentSites().stream().map(ReportViews.SiteRef::siteId)
                .collect(Collectors.toCollection(TreeSet::new));
        for (ReportViews.SiteSummary s : summary.sites()) {
            DailyReport.SiteRow row = new DailyReport.SiteRow();
            row.siteId = s.siteId();
            row.siteName = s.siteName();
            row.checkIns = s.checkIns();
            row.uniqueVisitors = s.uniqueVisitors();
            row.flagged = s.flagged();
            row.fever = s.flaggedByKind().fever();
            row.symptoms = s.flaggedByKind().symptoms();
            row.closeContact = s.flaggedByKind().closeContact();
            row.outbreakArea = s.flaggedByKind().outbreakArea();
            row.autoClosed = s.autoClosed();
            row.openNow = s.openNow();
            row.silent = silent.contains(s.siteId());
            report.sites.add(row);
        }
        return report;
    }

    private static String organizationOf(Site site) {
        return Objects.requireNonNullElse(site.organization == null || site.organization.isBlank()
                ? null : site.organization.strip(), NO_ORGANIZATION);
    }
}
