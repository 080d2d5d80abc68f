package vn.checkin.auth;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ClusteredJob;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Deletes login sessions a day after they expired (their tokens are refused by then anyway), hourly, on one
 * instance of the cluster; through the index on their expiry.
 */
@ApplicationScoped
public class SessionSweep implements ClusteredJob {

    /** How long an expired session is kept: enough to tell "expired" from "never existed" when someone asks. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private final Sessions sessions;
    private final Clock clock;

    SessionSweep(Sessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public String jobName() {
        return "session-sweep";
    }

    @Override
    public Optional<Schedule> schedule() {
        return Schedule.every("1h", Duration.ofMinutes(5));
    }

    @Override
    public void run() {
        sessions.purgeExpired(clock.instant().minus(KEPT_AFTER_EXPIRY));
    }
}
