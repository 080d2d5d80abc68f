package vn.checkin.audit;

import java.time.Instant;
import java.util.Objects;

/** What a session's latest entry of an action showed, and when ({@link AuditTrail#recordReadOnChange}). */
record LatestEntry(Instant at, String target, String detail) {

    boolean shows(String otherTarget, String otherDetail) {
        return Objects.equals(target, otherTarget) && Objects.equals(detail, otherDetail);
    }

    /**
     * The time of the session's next entry of the action, wanted at {@code wanted}: that time, or a millisecond after
     * this entry when a read of the same millisecond got here first, so that no two entries of a session and action
     * share their time and the latest is always one entry.
     */
    Instant nextTime(Instant wanted) {
        return wanted.isAfter(at) ? wanted : at.plusMillis(1);
    }
}
