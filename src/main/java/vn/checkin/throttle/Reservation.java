package vn.checkin.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One caller's attempt: its counters, and the count each of them reached with it (set by {@link Counting}). */
public final class Reservation {

    final Instant now;
    final List<Counted> limits;
    final int[] hits;
    final Instant[] windowEnds;
    /** Set once a batch counted it; read by the caller after that batch (GroupCommit hands it over). */
    volatile boolean counted;

    Reservation(Instant now, List<Counted> limits) {
        this.now = now;
        this.limits = limits;
        this.hits = new int[limits.size()];
        this.windowEnds = new Instant[limits.size()];
    }

    /** A limit and the key its counter is stored under. */
    record Counted(String keyHash, Limit limit) {
    }

    /** Whether a batch has counted this attempt (its transaction committed, or the caller got an error). */
    public boolean counted() {
        return counted;
    }

    /** Once counted: how long to wait when a limit is exceeded (at least a second), else empty. */
    public Optional<Duration> retryAfter() {
        Duration longest = null;
        for (int i = 0; i < limits.size(); i++) {
            if (hits[i] > limits.get(i).limit().max()) {
                // Never longer than the window: the batch that opened it may have started a moment after this attempt.
                Duration wait = Duration.between(now, windowEnds[i]);
                Duration window = limits.get(i).limit().window();
                wait = wait.compareTo(window) > 0 ? window : wait;
                longest = longest == null || wait.compareTo(longest) > 0 ? wait : longest;
            }
        }
        if (longest == null) {
            return Optional.empty();
        }
        return Optional.of(longest.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : longest);
    }
}
