package vn.checkin.tracing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The overlap rule on its own: half-open stays, the buffer after the source left, the minimum, open stays. */
class OverlapsTest {

    private static final Instant NOW = Instant.parse("2025-06-30T12:00:00Z");
    private static final Duration NO_BUFFER = Duration.ZERO;
    private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

    private static Instant at(String time) {
        return Instant.parse(time);
    }

    private static Optional<Overlaps.Overlap> overlap(String sourceIn, String sourceOut, String candidateIn,
                                                      String candidateOut, Duration buffer, Duration minimum) {
        return Overlaps.of(at(sourceIn), sourceOut == null ? null : at(sourceOut), at(candidateIn),
                candidateOut == null ? null : at(candidateOut), NOW, buffer, minimum);
    }

    @Test
    void overlapIsTheIntersectionOfBothStays() {
        Overlaps.Overlap found = overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T08:20:00Z", "2025-06-01T10:00:00Z", NO_BUFFER, FIFTEEN_MINUTES).orElseThrow();

        assertEquals(at("2025-06-01T08:20:00Z"), found.start());
        assertEquals(at("2025-06-01T09:00:00Z"), found.end());
        assertEquals(40, found.minutes());
        assertEquals(40 * 60, found.seconds());
    }

    @Test
    void candidateInsideTheSourceStayOverlapsForItsWholeStay() {
        Overlaps.Overlap found = overlap("2025-06-01T08:00:00Z", "2025-06-01T12:00:00Z",
                "2025-06-01T09:00:00Z", "2025-06-01T09:30:00Z", NO_BUFFER, FIFTEEN_MINUTES).orElseThrow();

        assertEquals(at("2025-06-01T09:00:00Z"), found.start());
        assertEquals(at("2025-06-01T09:30:00Z"), found.end());
    }

    @Test
    void candidateArrivingWhenTheSourceLeftDoesNotOverlap() {
        assertTrue(overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T09:00:00Z", "2025-06-01T10:00:00Z", NO_BUFFER, Duration.ZERO).isEmpty());
    }

    @Test
    void candidateLeavingWhenTheSourceArrivedDoesNotOverlap() {
        assertTrue(overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T07:00:00Z", "2025-06-01T08:00:00Z", NO_BUFFER, Duration.ZERO).isEmpty());
    }

    @Test
    void overlapOfExactlyTheMinimumCounts() {
        Overlaps.Overlap found = overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T08:45:00Z", "2025-06-01T10:00:00Z", NO_BUFFER, FIFTEEN_MINUTES).orElseThrow();

        assertEquals(15, found.minutes());
    }

    @Test
    void overlapOneSecondShortOfTheMinimumDoesNotCount() {
        assertTrue(overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T08:45:01Z", "2025-06-01T10:00:00Z", NO_BUFFER, FIFTEEN_MINUTES).isEmpty());
    }

    @Test
    void zeroMinimumAcceptsAnyPositiveOverlap() {
        Overlaps.Overlap found = overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T08:59:59Z", "2025-06-01T10:00:00Z", NO_BUFFER, Duration.ZERO).orElseThrow();

        assertEquals(1, found.seconds());
        assertEquals(0, found.minutes());
    }

    @Test
    void bufferExtendsTheSourceStayAfterItLeft() {
        Overlaps.Overlap found = overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T09:10:00Z", "2025-06-01T10:00:00Z", Duration.ofMinutes(30), Duration.ofMinutes(5))
                .orElseThrow();

        assertEquals(at("2025-06-01T09:10:00Z"), found.start());
        assertEquals(at("2025-06-01T09:30:00Z"), found.end());
        assertEquals(20, found.minutes());
    }

    @Test
    void withoutBufferACandidateArrivingAfterTheSourceLeftIsNoContact() {
        assertTrue(overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T09:10:00Z", "2025-06-01T10:00:00Z", NO_BUFFER, Duration.ofMinutes(5)).isEmpty());
    }

    @Test
    void bufferDoesNotExtendTheSourceStayBeforeItArrived() {
        assertTrue(overlap("2025-06-01T08:00:00Z", "2025-06-01T09:00:00Z",
                "2025-06-01T07:00:00Z", "2025-06-01T07:59:00Z", Duration.ofMinutes(30), Duration.ZERO).isEmpty());
    }

    @Test
    void candidateStillOnSiteLastsUntilNow() {
        Overlaps.Overlap found = overlap("2025-06-30T08:00:00Z", null,
                "2025-06-30T11:00:00Z", null, NO_BUFFER, FIFTEEN_MINUTES).orElseThrow();

        assertEquals(at("2025-06-30T11:00:00Z"), found.start());
        assertEquals(NOW, found.end());
    }

    @Test
    void sourceStillOnSiteLastsUntilNowPlusBuffer() {
        Overlaps.Overlap found = overlap("2025-06-30T08:00:00Z", null,
                "2025-06-30T11:00:00Z", "2025-06-30T13:00:00Z", Duration.ofMinutes(30), FIFTEEN_MINUTES)
                .orElseThrow();

        assertEquals(NOW.plus(Duration.ofMinutes(30)), found.end());
    }

    @Test
    void candidateArrivingAfterNowIsNoContactOfAStayStillOpen() {
        assertTrue(overlap("2025-06-30T08:00:00Z", null,
                "2025-06-30T12:00:00Z", "2025-06-30T13:00:00Z", NO_BUFFER, Duration.ZERO).isEmpty());
    }

    @Test
    void extendedEndIsTheCheckoutOrNowPlusTheBuffer() {
        assertEquals(at("2025-06-01T09:30:00Z"),
                Overlaps.extendedEnd(at("2025-06-01T09:00:00Z"), NOW, Duration.ofMinutes(30)));
        assertEquals(NOW.plus(Duration.ofMinutes(30)), Overlaps.extendedEnd(null, NOW, Duration.ofMinutes(30)));
    }
}
