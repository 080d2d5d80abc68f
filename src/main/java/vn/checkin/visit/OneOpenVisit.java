package vn.checkin.visit;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.site.SiteRepository;

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

    OneOpenVisit(VisitRepository visits, SiteRepository sites) {
        this.visits = visits;
        this.sites = sites;
    }

    /** Call inside the transaction that stores {@code arriving}, before persisting it. */
    void closeEarlierStays(Visit arriving) {
        for (Visit earlier : visits.openVisitsOf(arriving.siteId, arriving.phone, arriving.idNumber)) {
            Visits.close(earlier, earlier.checkedInAt.isAfter(arriving.checkedInAt)
                    ? earlier.checkedInAt : arriving.checkedInAt, Visit.CheckoutSource.AUTO, null);
            sites.raiseMaxStay(earlier.siteId, Visits.staySeconds(earlier));
            sites.reportChanged(earlier.siteId);
        }
    }
}
