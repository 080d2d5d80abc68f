package vn.checkin.visit;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ApiException;
import vn.checkin.throttle.Limit;
import vn.checkin.throttle.Throttles;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts check-in attempts per client address and per phone number in fixed windows, across every instance
 * ({@link Throttles}); past a limit the caller gets 429 with Retry-After until the window ends. Behind a reverse
 * proxy enable {@code quarkus.http.proxy.proxy-address-forwarding} so the address is the client's. Neither the
 * address nor the phone is stored: a counter's key is an HMAC of it, deleted once its window has ended.
 */
@ApplicationScoped
public class CheckinThrottle {

    private final CheckinLimitsConfig config;
    private final Throttles throttles;

    CheckinThrottle(CheckinLimitsConfig config, Throttles throttles) {
        this.config = config;
        this.throttles = throttles;
    }

    /** Counts one attempt from this address for this phone (null: none given) and refuses it past a limit. */
    public void attempt(String address, String phone) {
        List<Limit> limits = new ArrayList<>(2);
        limits.add(new Limit("checkin-address:" + address, config.perAddress(), config.window()));
        if (phone != null) {
            limits.add(new Limit("checkin-phone:" + phone, config.perPhone(), config.window()));
        }
        throttles.reserve(limits).ifPresent(wait -> {
            throw ApiException.tooManyRequests("Too many check-ins; wait a moment and try again.", wait);
        });
    }
}
