package vn.checkin.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
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
        String token = sign(claims(user.id.toString(), user.username, new LinkedHashSet<>(roles), sites, now,
                now.plusSeconds(lifetime))
                .claim("name", user.displayName == null ? user.username : user.displayName)
                .claim("sid", session.id.toString()));
        return new IssuedToken(token, lifetime, roles);
    }

    /**
     * A kiosk device's token: role {@link Roles#KIOSK}, its one site, its device id in {@code kiosk}. It has an
     * expiry (every token must), a century away: the device's revocation is what ends it.
     */
    public String issueKiosk(UUID kioskId, UUID siteId) {
        Instant now = clock.instant();
        return sign(claims(kioskId.toString(), "kiosk:" + kioskId, Set.of(Roles.KIOSK), List.of(siteId.toString()),
                now, now.plus(KIOSK_LIFETIME))
                .claim("kiosk", kioskId.toString()));
    }

    /** The claims every token of the service carries (the contract's, and those its checks require). */
    private JwtClaimsBuilder claims(String subject, String upn, Set<String> groups, List<String> sites, Instant now,
                                    Instant expiresAt) {
        return Jwt.issuer(config.issuer())
                .subject(subject)
                .upn(upn)
                .audience(config.audience())
                .groups(groups)
                .claim("sites", sites)
                .issuedAt(now.getEpochSecond())
                .expiresAt(expiresAt.getEpochSecond())
                .claim("jti", UUID.randomUUID().toString());
    }

    private String sign(JwtClaimsBuilder claims) {
        return claims.jws().keyId("checkin-rs256").sign(keys.privateKey());
    }

    public record IssuedToken(String accessToken, long expiresIn, List<String> roles) {
    }
}
