package vn.checkin.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Min;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Installation-wide settings ({@code checkin.*}); features keep their own groups below it. */
@ConfigMapping(prefix = "checkin")
public interface CheckinConfig {

    /** Folder for the embedded database, generated keys and the generated HMAC secret. */
    String dataDir();

    /** Base URL that QR codes point to, e.g. {@code https://checkin.example.gov.vn}. */
    String publicBaseUrl();

    /** Visits older than this many days are deleted. */
    @WithDefault("30")
    int retentionDays();

    /**
     * Audit entries older than this many days are deleted by the retention purge. They outlive the visits they name
     * (30 days by default), so that who looked at or exported a person's data can be answered for a year.
     */
    @WithDefault("365")
    @Min(1)
    int auditRetentionDays();

    /** Declaration answers are erased after this many days; empty: kept as long as the visit. */
    OptionalInt declarationRetentionDays();

    /** Secret for QR signatures and checkout tokens; all replicas must share it. */
    Optional<String> hmacSecret();

    /** Where a generated secret is kept when {@link #hmacSecret()} is not set. */
    String hmacSecretFile();

    /** How long a request waits for the commit it shares with others ({@link GroupCommit}) before 503 busy. */
    @WithDefault("PT10S")
    Duration groupCommitWait();

    /** Scheduled jobs, run once per cluster ({@link ClusteredJobs}). */
    Jobs jobs();

    interface Jobs {
        /** Off: this instance starts no scheduler (tests call the jobs themselves). */
        @WithDefault("true")
        boolean enabled();

        /** How often each instance tells the others it is alive; one silent for about twice this is taken over. */
        @WithDefault("PT10S")
        Duration clusterCheckinInterval();
    }
}
