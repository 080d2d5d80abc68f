package vn.checkin.visit;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ApiException;
import vn.checkin.common.GroupCommit;
import vn.checkin.throttle.Limit;
import vn.checkin.throttle.Reservation;
import vn.checkin.throttle.Throttles;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts check-in attempts per client address and per phone number in fixed windows, across every instance
 * ({@link Throttles}), in the commit that stores the check-in (an attempt refused before that is counted on its
 * own, so a flood of forged codes runs out too); past a limit the caller gets 429 with Retry-After until the window ends. Behind a reverse
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

    /**
     * A check-in attempt from this address for this phone (null: none given), to be counted with the check-in's
     * own commit ({@link #counting}; then {@link #refuseIfOver}), or alone when it is refused before ({@link #count}).
     */
    public Reservation attempt(String address, String phone) {
        List<Limit> limits = new ArrayList<>(2);
        limits.add(new Limit("checkin-address:" + address, config.perAddress(), config.window()));
        if (phone != null) {
            limits.add(new Limit("checkin-phone:" + phone, config.perPhone(), config.window()));
        }
        return throttles.reservation(limits);
    }

    /** Counts the attempt in the batch that stores the check-in: one commit for both. */
    public GroupCommit.Prepared<?> counting(Reservation attempt) {
        return throttles.counted(attempt);
    }

    /** Counts an attempt refused before it was stored (a forged code...), and refuses it with 429 past a limit. */
    public void count(Reservation attempt) {
        throttles.reserve(attempt);
        refuseIfOver(attempt);
    }

    /** Once the attempt is counted: 429 with Retry-After past a limit. */
    public void refuseIfOver(Reservation attempt) {
        attempt.retryAfter().ifPresent(wait -> {
            throw ApiException.tooManyRequests("Too many check-ins; wait a moment and try again.", wait);
        });
    }
}
