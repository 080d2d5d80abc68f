package vn.checkin.tracing;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.LocalTimes;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;
import vn.checkin.visit.Visit;
import vn.checkin.visit.VisitRepository;
import vn.checkin.visit.Visits;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import static vn.checkin.tracing.TracingViews.CaseView;
import static vn.checkin.tracing.TracingViews.CaseVisit;
import static vn.checkin.tracing.TracingViews.ContactView;
import static vn.checkin.tracing.TracingViews.Criteria;
import static vn.checkin.tracing.TracingViews.TracingResult;
import static vn.checkin.tracing.TracingViews.Via;

/** Turns stored rows into the answer, with the visitors' and sites' details loaded in two queries. */
@ApplicationScoped
public class TracingResults {

    static final int CHUNK = 500;

    private final VisitRepository visits;
    private final SiteRepository sites;
    private final TracingRepository.Rows rows;

    TracingResults(VisitRepository visits, SiteRepository sites, TracingRepository.Rows rows) {
        this.visits = visits;
        this.sites = sites;
        this.rows = rows;
    }

    public TracingResult of(TracingQuery query, List<TracingRow> rows) {
        Map<UUID, Visit> visitById = visitsOf(rows);
        Set<UUID> siteIds = visitById.values().stream().map(v -> v.siteId).collect(Collectors.toSet());
        Map<UUID, String> siteNames = siteIds.isEmpty() ? Map.of()
                : sites.list("id in ?1", siteIds).stream().collect(Collectors.toMap(s -> s.id, s -> s.name));
        List<CaseVisit> caseVisits = rows.stream().filter(r -> r.kind == TracingRow.Kind.CASE)
                .map(r -> visitById.get(r.visitId)).filter(v -> v != null)
                .map(v -> new CaseVisit(v.id, Visits.visitor(v), v.siteId, siteNames.get(v.siteId), v.checkedInAt,
                        v.checkedOutAt, v.checkoutSource == Visit.CheckoutSource.AUTO))
                .toList();
        List<ContactView> contacts = rows.stream().filter(r -> r.kind != TracingRow.Kind.CASE)
                .filter(r -> visitById.containsKey(r.visitId))
                .map(r -> contact(r, visitById.get(r.visitId), via(r.viaVisitId, visitById, siteNames), siteNames))
                .toList();
        return new TracingResult(query.id,
                new CaseView(query.casePhone, query.caseIdNumber, query.caseVisitId, caseVisits), contacts,
                new Criteria(query.windowFrom, query.windowTo, query.minOverlapMinutes, query.bufferMinutes,
                        query.depth, query.reason),
                query.createdAt, query.createdBy);
    }

    /**
     * Calls {@code consumer} for every row of a stored query in order, loading {@value #CHUNK} rows and their
     * visits at a time and clearing the persistence context after each chunk, so memory stays flat.
     */
    public void forEachRow(TracingQuery query, Consumer<ExportWriter.ExportRow> consumer) {
        long total = rows.count("queryId", query.id);
        Map<UUID, Site> siteById = new HashMap<>();
        for (int from = 0; from < total; from += CHUNK) {
            List<TracingRow> chunk = rows.list("queryId = ?1 and rowNo >= ?2 and rowNo < ?3",
                    Sort.ascending("rowNo"), query.id, from, from + CHUNK);
            Map<UUID, Visit> visitById = visitsOf(chunk);
            for (TracingRow row : chunk) {
                Visit v = visitById.get(row.visitId);
                if (v == null) {
                    continue;
                }
                Site site = siteById.computeIfAbsent(v.siteId, id -> sites.findById(id));
                ZoneId zone = ZoneId.of(site.timeZone);
                Visit via = row.viaVisitId == null ? null : visitById.get(row.viaVisitId);
                String viaText = via == null ? null : via.fullName + ", "
                        + siteById.computeIfAbsent(via.siteId, id -> sites.findById(id)).name + ", "
                        + LocalTimes.format(via.checkedInAt, zone);
                consumer.accept(new ExportWriter.ExportRow(row.kind.name(), v.id, Visits.visitor(v), site.name,
                        zone, v.checkedInAt, v.checkedOutAt,
                        v.checkoutSource == Visit.CheckoutSource.AUTO, row.overlapStart, row.overlapEnd,
                        row.overlapSeconds == null ? null : row.overlapSeconds / 60, row.encounters, row.viaVisitId,
                        viaText));
            }
            visits.getEntityManager().clear();
        }
    }

    private static ContactView contact(TracingRow row, Visit v, Via via, Map<UUID, String> siteNames) {
        return new ContactView(v.id, Visits.visitor(v), v.siteId, siteNames.get(v.siteId), v.checkedInAt,
                v.checkedOutAt, v.checkoutSource == Visit.CheckoutSource.AUTO, row.overlapStart, row.overlapEnd,
                row.overlapSeconds == null ? 0 : row.overlapSeconds / 60, row.kind.name(), row.viaVisitId,
                row.encounters == null ? 0 : row.encounters, via);
    }

    /** The visits of the rows and the visits they were found through (an F1 person's other visit for an F2), by id. */
    private Map<UUID, Visit> visitsOf(List<TracingRow> rows) {
        Set<UUID> ids = rows.stream().map(r -> r.visitId).collect(Collectors.toSet());
        rows.stream().map(r -> r.viaVisitId).filter(Objects::nonNull).forEach(ids::add);
        return visits.byIds(ids).stream().collect(Collectors.toMap(v -> v.id, Function.identity()));
    }

    /** The visit a contact was found through (deleted since: its id only). */
    private static Via via(UUID viaVisitId, Map<UUID, Visit> visitById, Map<UUID, String> siteNames) {
        if (viaVisitId == null) {
            return null;
        }
        Visit via = visitById.get(viaVisitId);
        return via == null ? new Via(viaVisitId, null, null, null)
                : new Via(via.id, via.fullName, siteNames.get(via.siteId), via.checkedInAt);
    }
}
