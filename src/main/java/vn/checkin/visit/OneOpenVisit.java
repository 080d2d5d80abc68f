package vn.checkin.visit;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.site.ReportDayChanges;
import vn.checkin.site.SiteRepository;

import java.util.List;

/**
 * A person has at most one open visit per site: checking in again (a new phone session, a lost page, a visitor
 * entered by staff after scanning) closes the earlier stay at the moment of the new one, as the service
 * ({@code checkoutSource: AUTO}), and the new visit begins. The two stays are contiguous, so tracing sees the
 * person on site the whole time, and the earlier visit's checkout token is never handed to whoever checked in.
 */
@ApplicationScoped
public class OneOpenVisit {

    private final VisitRepository visits;
    private final SiteRepository sites;
    private final ReportDayChanges reportDays;

    OneOpenVisit(VisitRepository visits, SiteRepository sites, ReportDayChanges reportDays) {
        this.visits = visits;
        this.sites = sites;
        this.reportDays = reportDays;
    }

    /** Call inside the transaction that stores {@code arriving}, before persisting it. */
    void closeEarlierStays(Visit arriving) {
        for (Visit earlier : visits.openVisitsOf(arriving.siteId, arriving.phone, arriving.idNumber)) {
            Visits.close(earlier, earlier.checkedInAt.isAfter(arriving.checkedInAt)
                    ? earlier.checkedInAt : arriving.checkedInAt, Visit.CheckoutSource.AUTO, null);
            sites.raiseMaxStay(earlier.siteId, Visits.staySeconds(earlier));
            reportDays.visitsChanged(earlier.siteId, sites.findById(earlier.siteId).timeZone,
                    List.of(earlier.checkedInAt));
        }
    }
}
