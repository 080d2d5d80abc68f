package vn.checkin.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Login and token settings ({@code checkin.auth.*}). */
@ConfigMapping(prefix = "checkin.auth")
public interface AuthConfig {

    String issuer();

    String audience();

    @WithDefault("PT8H")
    Duration tokenLifetime();

    /** PEM (PKCS#8) private key used to sign tokens; generated with its public key when both are absent. */
    String privateKeyLocation();

    String publicKeyLocation();

    /** Password of the bootstrap {@code admin} user; generated and logged once when absent. */
    Optional<String> adminPassword();

    @WithDefault("5")
    int maxFailedLogins();

    /** Failed logins from one address (all users) before that address is refused for the lockout period. */
    @WithDefault("50")
    int maxFailedLoginsPerAddress();

    @WithDefault("PT15M")
    Duration lockout();

    /**
     * How long an instance trusts what it last read of a login session: a token revoked elsewhere (logout, an
     * account change) is refused here at most this long afterwards.
     */
    @WithDefault("PT2S")
    Duration sessionCheckInterval();
}
