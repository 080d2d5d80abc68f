package vn.checkin.auth;

import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** Issues RS256 access tokens with the contract's claims. */
@ApplicationScoped
public class TokenService {

    private final AuthConfig config;
    private final JwtKeys keys;
    private final Clock clock;

    TokenService(AuthConfig config, JwtKeys keys, Clock clock) {
        this.config = config;
        this.keys = keys;
        this.clock = clock;
    }

    public IssuedToken issue(AppUser user) {
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
                .jws().keyId("checkin-rs256")
                .sign(keys.privateKey());
        return new IssuedToken(token, lifetime, roles);
    }

    public record IssuedToken(String accessToken, long expiresIn, List<String> roles) {
    }
}
