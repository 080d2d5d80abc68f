package vn.checkin.throttle;

import java.time.Duration;

/**
 * At most {@code max} attempts for {@code key} within a window of {@code window}, counted from the first attempt.
 * The key names what is counted and for which limit ({@code "login-user:" + username}); it is never stored as is.
 */
public record Limit(String key, int max, Duration window) {

    public Limit {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("A limit needs a positive maximum and window");
        }
    }
}
