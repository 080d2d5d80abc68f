package vn.checkin.report;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.common.PageResponse;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;
import vn.checkin.visit.RiskFlag;
import vn.checkin.visit.Visit;
import vn.checkin.visit.VisitRepository;
import vn.checkin.visit.VisitViews.VisitView;
import vn.checkin.visit.Visits;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static vn.checkin.report.ReportViews.SiteRef;
import static vn.checkin.report.ReportViews.SiteSummary;
import static vn.checkin.report.ReportViews.Summary;
import static vn.checkin.report.ReportViews.Totals;

/** How the check-in rule is carried out, per site and in total, over a period of local days. */
@ApplicationScoped
public class ReportService {

    private final SiteRepository sites;
    private final VisitRepository visits;
    private final ReportQueries queries;
    private final SiteDays siteDays;
    private final AuditTrail audit;
    private final Clock clock;

    ReportService(SiteRepository sites, VisitRepository visits, ReportQueries queries, SiteDays siteDays,
                  AuditTrail audit, Clock clock) {
        this.sites = sites;
        this.visits = visits;
        this.queries = queries;
        this.siteDays = siteDays;
        this.audit = audit;
        this.clock = clock;
    }

    /** The visits of the period whose declaration raised {@code flag} (any flag when null), newest first. */
    @Transactional
    public Declarations declarations(ReportPeriod period, RiskFlag flag, Set<UUID> visible, int page, int size,
                                     String format) {
        List<Site> inScope = sites.search(visible, null, null).list();
        Map<UUID, Site> byId = inScope.stream().collect(Collectors.toMap(s -> s.id, s -> s));
        List<ReportPeriod.Range> ranges = period.rangesOf(inScope);
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("from", period.from());
        criteria.put("to", period.to());
        criteria.put("flag", flag == null ? "any" : flag);
        criteria.put("format", format);
        audit.record(AuditAction.REPORT_DECLARATIONS, "declarations", criteria);
        if (ranges.isEmpty()) {
            return new Declarations(new PageResponse<>(List.of(), 0, page, size), Map.of());
        }
        StringBuilder where = new StringBuilder("(");
        Parameters params = new Parameters();
        boolean allSites = visible == null && ranges.size() == 1;
        for (int i = 0; i < ranges.size(); i++) {
            ReportPeriod.Range range = ranges.get(i);
            where.append(i == 0 ? "" : " or ").append("(v.checkedInAt >= :start").append(i)
                    .append(" and v.checkedInAt < :end").append(i)
                    .append(allSites ? ")" : " and v.siteId in :sites" + i + ")");
            params.and("start" + i, range.start()).and("end" + i, range.end());
            if (!allSites) {
                params.and("sites" + i, range.siteIds());
            }
        }
        where.append(") and ").append(flagCondition(flag));
        PanacheQuery<Visit> query = visits.find("from Visit v where " + where,
                Sort.descending("checkedInAt").and("id"), params);
        List<VisitView> items = query.page(page, size).list().stream()
                .map(v -> Visits.view(v, byId.get(v.siteId).name)).toList();
        Map<UUID, ZoneId> zones = inScope.stream().collect(Collectors.toMap(s -> s.id, s -> ZoneId.of(s.timeZone)));
        return new Declarations(new PageResponse<>(items, query.count(), page, size), zones);
    }

    /** A page of flagged visits and the time zone of each site, for files. */
    public record Declarations(PageResponse<VisitView> page, Map<UUID, ZoneId> zones) {
    }

    private static String flagCondition(RiskFlag flag) {
        if (flag == null) {
            return "v.flagged = true";
        }
        return switch (flag) {
            case FEVER -> "v.flagFever = true";
            case SYMPTOMS -> "v.flagSymptoms = true";
            case CLOSE_CONTACT -> "v.flagCloseContact = true";
            case OUTBREAK_AREA -> "v.flagOutbreakArea = true";
        };
    }

    /** The summary for the sites the caller sees ({@code visible} null: all sites), audited. */
    @Transactional
    public Summary summary(ReportPeriod period, Set<UUID> visible, String format) {
        Summary summary = compute(period, visible, clock.instant());
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("from", period.from());
        criteria.put("to", period.to());
        criteria.put("sites", visible == null ? "all" : visible.size());
        criteria.put("format", format);
        audit.record(AuditAction.REPORT_VIEW, "summary", criteria);
        return summary;
    }

    /**
     * The summary without an audit entry, for the scheduled daily reports: each site's days as they stand at
     * {@code now} in its own time zone (a day not ended there yet is counted from the visits, never stored).
     */
    @Transactional
    Summary compute(ReportPeriod period, Set<UUID> visible, Instant now) {
        List<Site> inScope = sites.search(visible, null, null).list().stream()
                .sorted(Comparator.comparing((Site s) -> s.name).thenComparing(s -> s.code)).toList();
        Map<UUID, SiteTally> tallies = siteDays.tallies(period, inScope, now);
        Map<UUID, Long> open = queries.openNow(inScope.stream().map(s -> s.id).toList(), visible == null);

        List<SiteSummary> rows = new ArrayList<>();
        List<SiteRef> silent = new ArrayList<>();
        long openNow = 0;
        for (Site site : inScope) {
            SiteTally tally = tallies.get(site.id);
            long siteOpen = open.getOrDefault(site.id, 0L);
            rows.add(new SiteSummary(site.id, site.name, tally.checkIns, tally.uniqueVisitors(), tally.flagged,
                    tally.flags(), tally.autoClosed, siteOpen));
            if (site.active && tally.checkIns == 0) {
                silent.add(new SiteRef(site.id, site.name));
            }
            openNow += siteOpen;
        }
        SiteTally total = SiteTally.total(tallies.values());
        return new Summary(period.from(), period.to(), rows, new Totals(total.checkIns, total.uniqueVisitors(),
                total.flagged, total.flags(), total.autoClosed, openNow), silent);
    }
}
