package vn.checkin.visit;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ServerSecret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

/**
 * The visitor's proof that a visit is theirs: an HMAC of the visit id. Nothing is stored, so a retried
 * check-in can hand out the same token again, and a leaked database does not reveal tokens.
 */
@ApplicationScoped
public class CheckoutTokens {

    private static final String PURPOSE = "checkout-v1";

    private final ServerSecret secret;

    CheckoutTokens(ServerSecret secret) {
        this.secret = secret;
    }

    public String tokenFor(UUID visitId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret.sign(PURPOSE, visitId.toString()));
    }

    public boolean matches(UUID visitId, String presented) {
        return presented != null && MessageDigest.isEqual(tokenFor(visitId).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
