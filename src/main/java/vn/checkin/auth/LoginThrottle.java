package vn.checkin.auth;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: after {@code maxFailedLogins} failures for one username, or
 * {@code maxFailedLoginsPerAddress} from one client address, within the lockout period, logins answer 429
 * until the period has passed. Kept in memory per instance; a restart forgives. Behind a reverse proxy, enable
 * {@code quarkus.http.proxy.proxy-address-forwarding} so the address is the client's, not the proxy's.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_TRACKED = 50_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final AuthConfig config;
    private final Clock clock;

    LoginThrottle(AuthConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public void checkAllowed(String username, String address) {
        Instant now = clock.instant();
        Duration wait = max(retryAfter("u:" + username, config.maxFailedLogins(), now),
                retryAfter("a:" + address, config.maxFailedLoginsPerAddress(), now));
        if (wait != null) {
            throw ApiException.tooManyRequests("Too many failed logins; try again later.", wait);
        }
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() > MAX_TRACKED) {
            failures.values().removeIf(f -> f.expired(now, config.lockout()));
        }
        record("u:" + username, now);
        record("a:" + address, now);
    }

    public void succeeded(String username) {
        failures.remove("u:" + username);
    }

    private void record(String key, Instant now) {
        failures.compute(key, (k, f) -> f == null || f.expired(now, config.lockout())
                ? new Failures(now, 1) : new Failures(f.since(), f.count() + 1));
    }

    private Duration retryAfter(String key, int limit, Instant now) {
        Failures f = failures.get(key);
        if (f == null || f.count() < limit || f.expired(now, config.lockout())) {
            return null;
        }
        return Duration.between(now, f.since().plus(config.lockout()));
    }

    private static Duration max(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private record Failures(Instant since, int count) {
        boolean expired(Instant now, Duration lockout) {
            return !now.isBefore(since.plus(lockout));
        }
    }
}
