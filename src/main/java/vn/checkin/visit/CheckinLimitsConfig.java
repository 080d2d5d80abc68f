package vn.checkin.visit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * Limits on visitors' check-ins ({@code checkin.checkin-limits.*}): per client address (a building's Wi-Fi is one
 * address for everyone at the door, so this one is generous) and per phone number, within a window.
 */
@ConfigMapping(prefix = "checkin.checkin-limits")
public interface CheckinLimitsConfig {

    @WithDefault("120")
    int perAddress();

    @WithDefault("6")
    int perPhone();

    @WithDefault("PT1M")
    Duration window();
}
