package vn.checkin.auth;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import vn.checkin.site.KioskDevices;

import java.util.Optional;
import java.util.UUID;

/**
 * Refuses well-signed tokens that no longer stand for anything: a staff token whose login session has ended or
 * whose account changed since ({@link Sessions}), a kiosk token whose device was revoked ({@link KioskDevices},
 * read on every request). Runs for every request that needs the caller's identity; a refusal is a 401 with the
 * {@code revoked-token} problem. Tokens without a session (issued before sessions existed) are refused too.
 */
@ApplicationScoped
public class TokenCheck implements SecurityIdentityAugmentor {

    private final Sessions sessions;
    private final KioskDevices kiosks;

    TokenCheck(Sessions sessions, KioskDevices kiosks) {
        this.sessions = sessions;
        this.kiosks = kiosks;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        if (identity.hasRole(Roles.KIOSK)) {
            UUID kiosk = CurrentUser.uuidClaim(jwt, "kiosk");
            if (kiosk == null) {
                return refused();
            }
            return context.runBlocking(() -> {
                if (!kiosks.inService(kiosk)) {
                    throw RevokedTokenException.failure();
                }
                return identity;
            });
        }
        UUID session = CurrentUser.uuidClaim(jwt, "sid");
        if (session == null) {
            return refused();
        }
        Optional<Boolean> known = sessions.known(session);
        if (known.isPresent()) {
            return known.get() ? Uni.createFrom().item(identity) : refused();
        }
        return context.runBlocking(() -> {
            if (!sessions.check(session)) {
                throw RevokedTokenException.failure();
            }
            return identity;
        });
    }

    private static Uni<SecurityIdentity> refused() {
        return Uni.createFrom().failure(RevokedTokenException.failure());
    }
}
