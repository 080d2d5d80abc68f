package vn.checkin.tracing;

import com.fasterxml.jackson.annotation.JsonProperty;
import vn.checkin.visit.VisitViews.VisitorView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored tracing query and its result, as the API answers it. */
public final class TracingViews {

    private TracingViews() {
    }

    public record TracingResult(UUID id, @JsonProperty("case") CaseView caseView, List<ContactView> contacts,
                                Criteria criteria, Instant createdAt, String createdBy) {
    }

    public record Criteria(Instant from, Instant to, int minOverlapMinutes, int bufferMinutes, int depth,
                           String reason) {
    }

    public record CaseView(String phone, String idNumber, UUID visitId, List<CaseVisit> visits) {
    }

    /** {@code autoClosed}: the service closed the visit, so its end time is an estimate. */
    public record CaseVisit(UUID visitId, VisitorView visitor, UUID siteId, String siteName, Instant checkedInAt,
                            Instant checkedOutAt, boolean autoClosed) {
    }

    /**
     * One contact person at one level, explained: which visit it overlapped ({@code via}: the case's visit for F1,
     * the F1 person's visit for F2), from when to when.
     */
    public record ContactView(UUID visitId, VisitorView visitor, UUID siteId, String siteName, Instant checkedInAt,
                              Instant checkedOutAt, boolean autoClosed, Instant overlapStart, Instant overlapEnd,
                              long overlapMinutes, String level, UUID viaVisitId, int encounters, Via via) {
    }

    /** The visit a contact was found through, by the person's name, the site and the arrival. */
    public record Via(UUID visitId, String fullName, String siteName, Instant checkedInAt) {
    }
}
