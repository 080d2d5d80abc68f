package vn.checkin.visit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the visit API answers. */
public final class VisitViews {

    private VisitViews() {
    }

    public record CheckinResponse(UUID visitId, UUID siteId, String siteName, Instant checkedInAt,
                                  String checkoutToken, Visit.Status status, List<RiskFlag> riskFlags) {
    }

    public record CheckoutResponse(UUID visitId, Instant checkedOutAt, Visit.Status status,
                                   Visit.CheckoutSource checkoutSource) {
    }

    public record VisitorView(String fullName, String phone, String idNumber, Integer yearOfBirth,
                              String address, String organization) {
    }

    public record DeclarationView(BigDecimal temperatureC, List<Symptom> symptoms, boolean closeContactWithCase,
                                  boolean visitedOutbreakArea, String outbreakAreaDetails, Integer vaccineDoses) {
    }

    public record VisitView(UUID id, UUID siteId, String siteName, VisitorView visitor, String purpose,
                            String hostName, DeclarationView declaration, List<RiskFlag> riskFlags,
                            Instant checkedInAt, Instant checkedOutAt, Visit.CheckoutSource checkoutSource,
                            Visit.Status status, Visit.EntrySource entrySource) {
    }

    public record Occupancy(long onSite, long checkedInToday, long flaggedToday) {
    }
}
