package vn.checkin.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static vn.checkin.report.ReportViews.FlagCounts;
import static vn.checkin.report.ReportViews.SiteRef;
import static vn.checkin.report.ReportViews.SiteSummary;
import static vn.checkin.report.ReportViews.Summary;
import static vn.checkin.report.ReportViews.Totals;

/** How the check-in rule is carried out, per site and in total, over a period of local days. */
@ApplicationScoped
public class ReportService {

    private static final FlagCounts NONE = new FlagCounts(0, 0, 0, 0);

    private final SiteRepository sites;
    private final ReportQueries queries;
    private final AuditTrail audit;

    ReportService(SiteRepository sites, ReportQueries queries, AuditTrail audit) {
        this.sites = sites;
        this.queries = queries;
        this.audit = audit;
    }

    /** The summary for the sites the caller sees ({@code visible} null: all sites). */
    @Transactional
    public Summary summary(ReportPeriod period, Set<UUID> visible, String format) {
        List<Site> inScope = sites.search(visible, null, null).list().stream()
                .sorted(Comparator.comparing((Site s) -> s.name).thenComparing(s -> s.code)).toList();
        List<ReportPeriod.Range> ranges = period.rangesOf(inScope);
        boolean allSites = visible == null && ranges.size() == 1;
        Map<UUID, ReportQueries.SiteCounts> counts = new LinkedHashMap<>();
        ranges.forEach(range -> counts.putAll(queries.countsBySite(range, allSites)));
        Map<UUID, Long> open = queries.openNow(inScope.stream().map(s -> s.id).toList(), visible == null);

        List<SiteSummary> rows = new ArrayList<>();
        List<SiteRef> silent = new ArrayList<>();
        long checkIns = 0;
        long flagged = 0;
        long autoClosed = 0;
        long openNow = 0;
        FlagCounts flags = NONE;
        for (Site site : inScope) {
            ReportQueries.SiteCounts c = counts.getOrDefault(site.id, new ReportQueries.SiteCounts(0, 0, 0, NONE, 0));
            long siteOpen = open.getOrDefault(site.id, 0L);
            rows.add(new SiteSummary(site.id, site.name, c.checkIns(), c.uniqueVisitors(), c.flagged(), c.flags(),
                    c.autoClosed(), siteOpen));
            if (site.active && c.checkIns() == 0) {
                silent.add(new SiteRef(site.id, site.name));
            }
            checkIns += c.checkIns();
            flagged += c.flagged();
            autoClosed += c.autoClosed();
            openNow += siteOpen;
            flags = flags.plus(c.flags());
        }
        long unique = inScope.isEmpty() ? 0 : queries.uniqueVisitors(ranges, allSites);
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("from", period.from());
        criteria.put("to", period.to());
        criteria.put("sites", visible == null ? "all" : visible.size());
        criteria.put("format", format);
        audit.record(AuditAction.REPORT_VIEW, "summary", criteria);
        return new Summary(period.from(), period.to(), rows,
                new Totals(checkIns, unique, flagged, flags, autoClosed, openNow), silent);
    }
}
