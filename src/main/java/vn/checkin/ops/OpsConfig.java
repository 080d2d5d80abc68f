package vn.checkin.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Scheduled housekeeping ({@code checkin.ops.*}). The retention periods are installation settings in
 * {@code checkin.retention-days}, {@code checkin.declaration-retention-days} and {@code checkin.audit-retention-days}.
 */
@ConfigMapping(prefix = "checkin.ops")
public interface OpsConfig {

    /** Visits closed in one transaction by the auto-checkout, or visits or audit entries deleted in one by the purge. */
    @WithDefault("500")
    int batchSize();

    /** How often overdue visits are closed (a Quarkus scheduler interval such as {@code 1m}). */
    @WithDefault("1m")
    String autoCheckoutEvery();

    /**
     * When the job runs that stores each organization's daily report of a day once it has ended at every one of its
     * sites, each in its own time zone (cron, Asia/Ho_Chi_Minh time): every hour, so the report follows the
     * midnight of the organization's last zone within the hour.
     */
    @WithDefault("0 15 * * * ?")
    String dailyReportCron();

    /**
     * How often the report figures of the last {@code 31} ended days are stored where missing or stale, so that
     * the first report of a month after an upgrade, a data load or a morning of auto-checkouts does not read the
     * visits ({@code off} disables it).
     */
    @WithDefault("10m")
    String reportDaysEvery();

    /** When the retention purge runs (Quartz-style cron, server time). */
    @WithDefault("0 30 2 * * ?")
    String purgeCron();
}
