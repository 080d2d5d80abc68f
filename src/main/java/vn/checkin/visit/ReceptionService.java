package vn.checkin.visit;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.common.ApiException;
import vn.checkin.common.GroupCommit;
import vn.checkin.common.PageResponse;
import vn.checkin.site.Site;
import vn.checkin.site.SiteRepository;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;

import static vn.checkin.visit.VisitRepository.DayLogFilter;
import static vn.checkin.visit.VisitRequests.StaffVisitRequest;
import static vn.checkin.visit.VisitViews.CheckoutResponse;
import static vn.checkin.visit.VisitViews.Occupancy;
import static vn.checkin.visit.VisitViews.VisitView;

/** The reception desk: the day's log, visitors entered by staff, staff checkout, occupancy. */
@ApplicationScoped
public class ReceptionService {

    /** Upper bound of rows in one CSV download of a day's log. */
    static final int MAX_CSV_ROWS = 100_000;
    /**
     * Visits loaded at once while a CSV download is written: one query of {@link VisitRepository#byIds}. H2 checks
     * each row it reads against the whole {@code id in (...)} list, so a chunk costs its size squared: 100
     * downloaded 100,000 rows in 1.9-2.7 s, 500 in 2.4-4.0 s (bench, warm service).
     */
    static final int CSV_CHUNK = VisitRepository.IN_MOST;

    private final VisitRepository visits;
    private final SiteRepository sites;
    private final AuditTrail audit;
    private final OneOpenVisit oneOpenVisit;
    private final Stays stays;
    private final GroupCommit groupCommit;
    private final Clock clock;

    ReceptionService(VisitRepository visits, SiteRepository sites, AuditTrail audit, OneOpenVisit oneOpenVisit,
                     Stays stays, GroupCommit groupCommit, Clock clock) {
        this.visits = visits;
        this.sites = sites;
        this.audit = audit;
        this.oneOpenVisit = oneOpenVisit;
        this.stays = stays;
        this.groupCommit = groupCommit;
        this.clock = clock;
    }

    /**
     * A page of the day's log. The read is audited before the visits are read, in transactions of their own: when
     * the caller's session opens the log or changes its site, day or filter, not for each refresh of a reception
     * screen, nor for another page of the same log ({@link AuditTrail#recordReadOnChange}).
     */
    public PageResponse<VisitView> dayLog(UUID siteId, LocalDate date, DayLogFilter filter, int page, int size) {
        Site site = QuarkusTransaction.requiringNew().call(() -> site(siteId));
        LocalDate day = dayOf(site, date);
        audit.recordReadOnChange(AuditAction.RECEPTION_LOG_VIEW, siteId, criteria(day, filter));
        return QuarkusTransaction.requiringNew().call(() -> {
            PanacheQuery<Visit> query = dayQuery(site, day, filter);
            List<VisitView> items = query.page(page, size).list().stream().map(v -> Visits.view(v, site.name))
                    .toList();
            return new PageResponse<>(items, query.count(), page, size);
        });
    }

    /** Checks the site and audits a CSV download before its first byte; {@link #forEachDayRow} reads the rows. */
    @Transactional
    public DayRows dayRows(UUID siteId, LocalDate date, DayLogFilter filter) {
        Site site = site(siteId);
        LocalDate day = dayOf(site, date);
        audit.record(AuditAction.RECEPTION_LOG_CSV, siteId, criteria(day, filter));
        return new DayRows(site.id, site.code, site.name, ZoneId.of(site.timeZone), day, filter);
    }

    /**
     * Every row of the day matching the filter (at most {@value #MAX_CSV_ROWS}), newest first: the ids in one
     * query, then the visits {@value #CSV_CHUNK} at a time, each chunk in its own short transaction, so a busy
     * day's download neither holds all its visits in memory nor keeps a transaction open while a slow client
     * reads (a visit deleted meanwhile is left out).
     */
    public void forEachDayRow(DayRows day, Consumer<VisitView> consumer) {
        List<UUID> ids = QuarkusTransaction.requiringNew()
                .call(() -> visits.dayLogIds(day.siteId(), day.from(), day.to(), day.filter(), MAX_CSV_ROWS));
        for (int start = 0; start < ids.size(); start += CSV_CHUNK) {
            List<UUID> chunk = ids.subList(start, Math.min(ids.size(), start + CSV_CHUNK));
            QuarkusTransaction.requiringNew().call(() -> views(chunk, day.siteName())).forEach(consumer);
        }
    }

    private List<VisitView> views(List<UUID> ids, String siteName) {
        Map<UUID, Visit> byId = new HashMap<>();
        visits.byIds(ids).forEach(v -> byId.put(v.id, v));
        return ids.stream().map(byId::get).filter(Objects::nonNull).map(v -> Visits.view(v, siteName)).toList();
    }

    /**
     * Enters a visitor who has no phone to scan with. Stored like a QR check-in ({@link GroupCommit}, with the
     * same {@link OneOpenVisit} rule): a staff entry racing the visitor's own check-in leaves one open visit.
     */
    public VisitView enter(UUID siteId, StaffVisitRequest request, String staff) {
        Site site = QuarkusTransaction.requiringNew().call(() -> site(siteId));
        if (!site.active) {
            throw ApiException.badRequest("site-inactive", "This site does not accept check-ins at the moment.");
        }
        if (Visits.blankToNull(request.visitor().phone()) == null
                && Visits.blankToNull(request.visitor().idNumber()) == null) {
            throw ApiException.invalid("visitor.phone", "give a phone number or an ID number, so the visitor can be traced");
        }
        CheckinService.checkYearOfBirth(request.visitor().yearOfBirth(), now());
        OneOpenVisit.Arrival arrival = new OneOpenVisit.Arrival(site.id, Visits.phoneOf(request.visitor()),
                Visits.blankToNull(request.visitor().idNumber()));
        return groupCommit.run(() -> {
            Visit visit = Visits.newVisit(site.id, request.visitor(), request.declaration(), request.purpose(),
                    request.hostName(), now());
            visit.entrySource = Visit.EntrySource.STAFF;
            visit.enteredBy = staff;
            oneOpenVisit.closeEarlierStays(visit);
            visits.persist(visit);
            return Visits.view(visit, site.name);
        }, oneOpenVisit, arrival);
    }

    /** Site of a visit, so the caller's scope can be checked before anything changes. */
    @Transactional
    public UUID siteOf(UUID visitId) {
        return find(visitId).siteId;
    }

    @Transactional
    public VisitView view(UUID visitId) {
        Visit visit = find(visitId);
        audit.record(AuditAction.VISIT_VIEW, visitId, null);
        return Visits.view(visit, sites.nameOf(visit.siteId));
    }

    /** Checks the visitor out, unless the visit has ended already: the answer then shows the first end. */
    public CheckoutResponse checkout(UUID visitId, String staff) {
        return groupCommit.run(() -> {
            Visit visit = find(visitId);
            if (visit.checkedOutAt == null) {
                stays.end(visit, now(), Visit.CheckoutSource.STAFF, staff);
            }
            return new CheckoutResponse(visit.id, visit.checkedOutAt, visit.status(), visit.checkoutSource);
        });
    }

    @Transactional
    public Occupancy occupancy(UUID siteId) {
        Site site = site(siteId);
        ZoneId zone = ZoneId.of(site.timeZone);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Instant from = today.atStartOfDay(zone).toInstant();
        Instant to = today.plusDays(1).atStartOfDay(zone).toInstant();
        return new Occupancy(visits.openAt(siteId), visits.checkedInBetween(siteId, from, to, false),
                visits.checkedInBetween(siteId, from, to, true));
    }

    /**
     * The filters of a log view, for the audit trail: the day (today's date when none was asked for, so a screen
     * left open past midnight records the new day), status, flagged, and a search text only as present.
     */
    private static Map<String, Object> criteria(LocalDate day, DayLogFilter filter) {
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("date", day);
        criteria.put("status", filter.status());
        criteria.put("flagged", filter.flagged());
        criteria.put("search", filter.text() == null || filter.text().isBlank() ? null : "yes");
        return criteria;
    }

    /** The day asked for, or today in the site's time zone. */
    private LocalDate dayOf(Site site, LocalDate date) {
        return date != null ? date : LocalDate.now(clock.withZone(ZoneId.of(site.timeZone)));
    }

    private PanacheQuery<Visit> dayQuery(Site site, LocalDate day, DayLogFilter filter) {
        ZoneId zone = ZoneId.of(site.timeZone);
        return visits.dayLog(site.id, day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant(), filter);
    }

    private Site site(UUID siteId) {
        return sites.findByIdOptional(siteId).orElseThrow(() -> ApiException.notFound("Site " + siteId));
    }

    private Visit find(UUID visitId) {
        return visits.findByIdOptional(visitId).orElseThrow(() -> ApiException.notFound("Visit " + visitId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A CSV download of a day: the site, its zone, the local day as an instant range, and the filter. */
    public record DayRows(UUID siteId, String siteCode, String siteName, ZoneId zone, LocalDate day,
                          DayLogFilter filter) {

        Instant from() {
            return day.atStartOfDay(zone).toInstant();
        }

        Instant to() {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }
}
