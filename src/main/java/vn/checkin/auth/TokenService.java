package vn.checkin.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Issues RS256 access tokens with the contract's claims. */
@ApplicationScoped
public class TokenService {

    private static final Duration KIOSK_LIFETIME = Duration.ofDays(36_525);

    private final AuthConfig config;
    private final JwtKeys keys;
    private final Clock clock;

    TokenService(AuthConfig config, JwtKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    /** A staff token of {@code session}, for {@code user} as the session found it. */
    public IssuedToken issue(AppUser user, StaffSession session) {
        Instant now = clock.instant();
        long lifetime = config.tokenLifetime().toSeconds();
        List<String> sites = user.siteIds.stream().map(UUID::toString).sorted().toList();
        List<String> roles = user.roles.stream().sorted().toList();
        String token = Jwt.issuer(config.issuer())
                .subject(user.id.toString())
                .upn(user.username)
                .audience(config.audience())
                .groups(new LinkedHashSet<>(roles))
                .claim("sites", sites)
                .claim("name", user.displayName == null ? user.username : user.displayName)
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.getEpochSecond() + lifetime)
                .claim("jti", UUID.randomUUID().toString())
                .claim("sid", session.id.toString())
                .jws().keyId("checkin-rs256")
                .sign(keys.privateKey());
        return new IssuedToken(token, lifetime, roles);
    }

    /**
     * A kiosk device's token: role {@link Roles#KIOSK}, its one site, its device id in {@code kiosk}. It has an
     * expiry (every token must), a century away: the device's revocation is what ends it.
     */
    public String issueKiosk(UUID kioskId, UUID siteId) {
        Instant now = clock.instant();
        return Jwt.issuer(config.issuer())
                .subject(kioskId.toString())
                .upn("kiosk:" + kioskId)
                .audience(config.audience())
                .groups(Set.of(Roles.KIOSK))
                .claim("sites", List.of(siteId.toString()))
                .claim("kiosk", kioskId.toString())
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.plus(KIOSK_LIFETIME).getEpochSecond())
                .claim("jti", UUID.randomUUID().toString())
                .jws().keyId("checkin-rs256")
                .sign(keys.privateKey());
    }

    public record IssuedToken(String accessToken, long expiresIn, List<String> roles) {
    }
}
