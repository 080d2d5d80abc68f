package vn.checkin.auth;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ApiException;
import vn.checkin.throttle.Limit;
import vn.checkin.throttle.Throttles;

import java.util.List;

/**
 * Slows down password guessing: at most {@code maxFailedLogins} attempts for one username, and
 * {@code maxFailedLoginsPerAddress} from one client address (all users), within the lockout period counted from
 * the first; past them logins answer 429 until the period has passed. An attempt is reserved before its password
 * is checked, in counters every instance shares ({@link Throttles}): N parallel guesses cost at most the limit in
 * password checks. A successful login forgets its username's attempts and gives its address's one back. Behind a
 * reverse proxy, enable {@code quarkus.http.proxy.proxy-address-forwarding} so the address is the client's.
 */
@ApplicationScoped
public class LoginThrottle {

    private final AuthConfig config;
    private final Throttles throttles;

    LoginThrottle(AuthConfig config, Throttles throttles) {
        this.config = config;
        this.throttles = throttles;
    }

    /** Counts a login attempt; refuses it (429) when it is past a limit, before any password is checked. */
    public void attempt(String username, String address) {
        throttles.reserve(List.of(new Limit(userKey(username), config.maxFailedLogins(), config.lockout()),
                        new Limit(addressKey(address), config.maxFailedLoginsPerAddress(), config.lockout())))
                .ifPresent(wait -> {
                    throw ApiException.tooManyRequests("Too many failed logins; try again later.", wait);
                });
    }

    public void succeeded(String username, String address) {
        throttles.release(List.of(userKey(username)), List.of(addressKey(address)));
    }

    private static String userKey(String username) {
        return "login-user:" + username;
    }

    private static String addressKey(String address) {
        return "login-address:" + address;
    }
}
