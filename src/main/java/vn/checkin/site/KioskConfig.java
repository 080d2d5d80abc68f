package vn.checkin.site;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The reception kiosk's short-lived QR codes ({@code checkin.kiosk.*}). */
@ConfigMapping(prefix = "checkin.kiosk")
public interface KioskConfig {

    /** How long a code shown on the kiosk screen can be used after it was issued. */
    @WithDefault("PT60S")
    Duration codeLifetime();

    /** Tolerance for a visitor's phone or a replica whose clock is a little ahead or behind. */
    @WithDefault("PT5S")
    Duration clockSkew();
}
