package vn.checkin.tracing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The contract's overlap rule. Stays are half-open {@code [in, out)}; a stay not yet closed lasts until now.
 * A candidate overlaps a source stay extended by the buffer after the source left, for at least the minimum
 * (and for more than zero seconds: stays that only touch are not contacts).
 */
public final class Overlaps {

    private Overlaps() {
    }

    public record Overlap(Instant start, Instant end) {
        public long seconds() {
            return Duration.between(start, end).toSeconds();
        }

        public long minutes() {
            return Duration.between(start, end).toMinutes();
        }
    }

    public static Optional<Overlap> of(Instant sourceIn, Instant sourceOut, Instant candidateIn, Instant candidateOut,
                                       Instant now, Duration buffer, Duration minimum) {
        Instant sourceEnd = (sourceOut == null ? now : sourceOut).plus(buffer);
        Instant candidateEnd = candidateOut == null ? now : candidateOut;
        Instant start = sourceIn.isAfter(candidateIn) ? sourceIn : candidateIn;
        Instant end = sourceEnd.isBefore(candidateEnd) ? sourceEnd : candidateEnd;
        if (!start.isBefore(end)) {
            return Optional.empty();
        }
        Duration length = Duration.between(start, end);
        return length.compareTo(minimum) >= 0 ? Optional.of(new Overlap(start, end)) : Optional.empty();
    }

    /** The end of a source stay extended by the buffer: candidates must arrive before it. */
    public static Instant extendedEnd(Instant out, Instant now, Duration buffer) {
        return (out == null ? now : out).plus(buffer);
    }
}
