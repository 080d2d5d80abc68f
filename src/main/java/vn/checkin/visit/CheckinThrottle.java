package vn.checkin.visit;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts check-in attempts per client address and per phone number in fixed windows; past a limit the caller
 * gets 429 with Retry-After until the window ends. In memory per instance, like the login throttle; behind a
 * reverse proxy enable {@code quarkus.http.proxy.proxy-address-forwarding} so the address is the client's.
 * Phones are kept only as the key of a counter, for one window.
 */
@ApplicationScoped
public class CheckinThrottle {

    private static final int MAX_TRACKED = 100_000;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final CheckinLimitsConfig config;
    private final Clock clock;

    CheckinThrottle(CheckinLimitsConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Counts one attempt from this address for this phone (null: none given) and refuses it past a limit. */
    public void attempt(String address, String phone) {
        Instant now = clock.instant();
        if (windows.size() > MAX_TRACKED) {
            windows.values().removeIf(w -> w.over(now, config.window()));
        }
        Duration wait = count("a:" + address, config.perAddress(), now);
        if (phone != null) {
            Duration phoneWait = count("p:" + phone, config.perPhone(), now);
            wait = wait == null || phoneWait != null && phoneWait.compareTo(wait) > 0 ? phoneWait : wait;
        }
        if (wait != null) {
            throw ApiException.tooManyRequests("Too many check-ins; wait a moment and try again.", wait);
        }
    }

    private Duration count(String key, int limit, Instant now) {
        Window window = windows.compute(key, (k, w) -> w == null || w.over(now, config.window())
                ? new Window(now, 1) : new Window(w.start(), w.count() + 1));
        if (window.count() <= limit) {
            return null;
        }
        return Duration.between(now, window.start().plus(config.window()));
    }

    private record Window(Instant start, int count) {
        boolean over(Instant now, Duration length) {
            return !now.isBefore(start.plus(length));
        }
    }
}
