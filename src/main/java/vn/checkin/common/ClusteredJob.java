package vn.checkin.common;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A job that runs on a schedule once per cluster: whichever instance acquires a firing runs it, the others don't
 * ({@link ClusteredJobs}). A bean implementing this is found and scheduled at start-up; its {@link #run} must be
 * safe to run again after an instance died in the middle of it (Quartz then hands the firing to another one).
 */
public interface ClusteredJob {

    /** The job's key in the store shared by every instance: stable across versions. */
    String jobName();

    /** When it fires; empty when the installation turned it off. */
    Optional<Schedule> schedule();

    void run();

    /** A cron expression in a time zone, or a fixed interval after a first delay. */
    record Schedule(String cron, ZoneId zone, Duration every, Duration delay) {

        public static Schedule cron(String expression, ZoneId zone) {
            return new Schedule(expression, zone, null, null);
        }

        /**
         * Every {@code interval} ({@code 30s}, {@code 10m}, {@code 2h} or ISO-8601 {@code PT10M}; {@code off}: never),
         * the first time {@code delay} after start-up.
         */
        public static Optional<Schedule> every(String interval, Duration delay) {
            String text = interval.strip();
            if (text.equalsIgnoreCase("off")) {
                return Optional.empty();
            }
            Duration every = Duration.parse(text.toUpperCase().startsWith("P") ? text : "PT" + text);
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("A job interval must be positive: " + interval);
            }
            return Optional.of(new Schedule(null, null, every, delay));
        }
    }
}
