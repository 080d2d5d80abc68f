package vn.checkin.tracing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.common.ApiException;
import vn.checkin.visit.PhoneNumbers;
import vn.checkin.visit.Visit;
import vn.checkin.visit.VisitRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static vn.checkin.tracing.ContactSearch.Contact;
import static vn.checkin.tracing.ContactSearch.People;
import static vn.checkin.tracing.TracingRequests.CaseRef;
import static vn.checkin.tracing.TracingRequests.TracingRequest;
import static vn.checkin.tracing.TracingViews.TracingResult;

/**
 * Runs a tracing query (case visits, F1, optionally F2) and stores it with its result rows, so the same list
 * can be read and exported again later.
 */
@ApplicationScoped
public class TracingService {

    static final Duration MAX_WINDOW = Duration.ofDays(60);

    private final TracingRepository queries;
    private final TracingRepository.Rows rows;
    private final VisitRepository visits;
    private final ContactSearch search;
    private final TracingResults results;
    private final AuditTrail audit;
    private final Clock clock;

    TracingService(TracingRepository queries, TracingRepository.Rows rows, VisitRepository visits,
                   ContactSearch search, TracingResults results, AuditTrail audit, Clock clock) {
        this.queries = queries;
        this.rows = rows;
        this.visits = visits;
        this.search = search;
        this.results = results;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public TracingResult run(TracingRequest request, String officer) {
        TracingQuery query = newQuery(request, officer);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        People casePerson = new People();
        casePerson.add(query.casePhone, query.caseIdNumber);
        List<Visit> caseVisits = caseVisits(query, casePerson);
        caseVisits.forEach(casePerson::add);

        ContactSearch.Criteria criteria = new ContactSearch.Criteria(now,
                Duration.ofMinutes(query.bufferMinutes), Duration.ofMinutes(query.minOverlapMinutes));
        Collection<Contact> f1 = search.contactsOf(caseVisits, casePerson, criteria);

        queries.persist(query);
        List<TracingRow> stored = new ArrayList<>();
        caseVisits.forEach(v -> stored.add(row(query, stored.size(), TracingRow.Kind.CASE, v, null, null, 0)));
        f1.forEach(c -> stored.add(row(query, stored.size(), TracingRow.Kind.F1, c.visit, c.via, c.overlap,
                c.encounters)));
        if (query.depth >= 2) {
            f1F2(query, caseVisits, f1, criteria)
                    .forEach(c -> stored.add(row(query, stored.size(), TracingRow.Kind.F2, c.visit, c.via,
                            c.overlap, c.encounters)));
        }
        rows.persist(stored);
        audit.record(AuditAction.TRACING_QUERY, query.id, criteria(query, stored.size() - caseVisits.size()));
        return results.of(query, stored);
    }

    @Transactional
    public TracingResult get(UUID id, String reader, boolean admin) {
        TracingQuery query = queries.readable(id, reader, admin);
        audit.record(AuditAction.TRACING_VIEW, id, null);
        return results.of(query, rows.ofQuery(id));
    }

    /**
     * F2: contacts of the F1 persons' visits in the window (and of F1 visits without phone or ID, which can only
     * be found as themselves); neither the case nor an F1 person is ever an F2.
     */
    private Collection<Contact> f1F2(TracingQuery query, List<Visit> caseVisits, Collection<Contact> f1,
                                     ContactSearch.Criteria criteria) {
        People excluded = new People();
        caseVisits.forEach(excluded::add);
        People f1People = new People();
        f1.forEach(c -> c.visits.forEach(v -> {
            f1People.add(v);
            excluded.add(v);
        }));
        Map<UUID, Visit> sources = new LinkedHashMap<>();
        search.visitsOf(f1People, query.windowFrom, query.windowTo).forEach(v -> sources.put(v.id, v));
        f1.forEach(c -> c.visits.forEach(v -> sources.putIfAbsent(v.id, v)));
        sources.values().forEach(excluded::add);
        return search.contactsOf(sources.values(), excluded, criteria);
    }

    private List<Visit> caseVisits(TracingQuery query, People casePerson) {
        if (query.caseVisitId != null) {
            Visit visit = visits.findByIdOptional(query.caseVisitId)
                    .orElseThrow(() -> ApiException.notFound("Visit " + query.caseVisitId));
            casePerson.add(visit);
            if (visit.phone == null && visit.idNumber == null) {
                boolean inWindow = visit.checkedInAt.isBefore(query.windowTo)
                        && (visit.checkedOutAt == null || visit.checkedOutAt.isAfter(query.windowFrom));
                return inWindow ? List.of(visit) : List.of();
            }
        }
        return search.visitsOf(casePerson, query.windowFrom, query.windowTo);
    }

    private TracingQuery newQuery(TracingRequest request, String officer) {
        CaseRef ref = request.caseRef();
        int given = (blank(ref.phone()) ? 0 : 1) + (blank(ref.idNumber()) ? 0 : 1) + (ref.visitId() == null ? 0 : 1);
        if (given != 1) {
            throw ApiException.invalid("case", "give exactly one of phone, idNumber or visitId");
        }
        if (!request.from().isBefore(request.to())) {
            throw ApiException.invalid("to", "must be after from");
        }
        if (Duration.between(request.from(), request.to()).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.invalid("to", "the window may span at most " + MAX_WINDOW.toDays() + " days");
        }
        TracingQuery query = new TracingQuery();
        query.id = UUID.randomUUID();
        query.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        query.createdBy = officer;
        query.reason = request.reason().strip();
        query.casePhone = blank(ref.phone()) ? null : PhoneNumbers.normalise(ref.phone()).orElseThrow();
        query.caseIdNumber = blank(ref.idNumber()) ? null : ref.idNumber();
        query.caseVisitId = ref.visitId();
        query.windowFrom = request.from();
        query.windowTo = request.to();
        query.minOverlapMinutes = request.minOverlapMinutes() == null ? 15 : request.minOverlapMinutes();
        query.bufferMinutes = request.bufferMinutes() == null ? 0 : request.bufferMinutes();
        query.depth = request.depth() == null ? 1 : request.depth();
        return query;
    }

    private static TracingRow row(TracingQuery query, int rowNo, TracingRow.Kind kind, Visit visit, Visit via,
                                  Overlaps.Overlap overlap, int encounters) {
        TracingRow row = new TracingRow();
        row.id = UUID.randomUUID();
        row.queryId = query.id;
        row.rowNo = rowNo;
        row.kind = kind;
        row.visitId = visit.id;
        row.viaVisitId = via == null ? null : via.id;
        if (overlap != null) {
            row.overlapStart = overlap.start();
            row.overlapEnd = overlap.end();
            row.overlapSeconds = overlap.seconds();
            row.encounters = encounters;
        }
        return row;
    }

    /**
     * What an audit entry keeps of a query: its criteria and size, never the contacts' data. Audit entries outlive
     * the visits, so the case's phone or ID number is masked; the stored query (deleted with the visits) has it.
     */
    static Map<String, Object> criteria(TracingQuery query, int contacts) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("casePhone", mask(query.casePhone));
        criteria.put("caseIdNumber", mask(query.caseIdNumber));
        criteria.put("caseVisitId", query.caseVisitId);
        criteria.put("from", query.windowFrom);
        criteria.put("to", query.windowTo);
        criteria.put("minOverlapMinutes", query.minOverlapMinutes);
        criteria.put("bufferMinutes", query.bufferMinutes);
        criteria.put("depth", query.depth);
        criteria.put("reason", query.reason);
        criteria.put("contacts", contacts);
        return criteria;
    }

    static String mask(String identifier) {
        if (identifier == null) {
            return null;
        }
        int shown = Math.min(3, identifier.length() / 3);
        return "*".repeat(identifier.length() - shown) + identifier.substring(identifier.length() - shown);
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
