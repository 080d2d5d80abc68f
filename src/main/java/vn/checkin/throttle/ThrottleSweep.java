package vn.checkin.throttle;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ClusteredJob;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Deletes the attempt counters whose window has ended, once a minute, on one instance of the cluster. */
@ApplicationScoped
public class ThrottleSweep implements ClusteredJob {

    private final Throttles throttles;
    private final Clock clock;

    ThrottleSweep(Throttles throttles, Clock clock) {
        this.throttles = throttles;
        this.clock = clock;
    }

    @Override
    public String jobName() {
        return "throttle-sweep";
    }

    @Override
    public Optional<Schedule> schedule() {
        return Schedule.every("1m", Duration.ofSeconds(45));
    }

    @Override
    public void run() {
        throttles.sweep(clock.instant());
    }
}
