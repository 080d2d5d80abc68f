package vn.checkin.common;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The installation's HMAC secret, from {@code CHECKIN_HMAC_SECRET} or generated once into the data folder.
 * Each use (QR signatures, checkout tokens) gets its own key derived from it, so one never forges the other.
 * Loaded at start-up, so a missing or short secret stops the service instead of failing requests later.
 */
@Startup
@ApplicationScoped
public class ServerSecret {

    private static final int MIN_LENGTH = 32;

    private final byte[] master;
    /** A Mac keyed for each purpose used so far (a handful: QR codes, checkout tokens...). */
    private final Map<String, Mac> byPurpose = new ConcurrentHashMap<>();

    ServerSecret(CheckinConfig config) {
        String secret = config.hmacSecret().filter(s -> !s.isBlank())
                .orElseGet(() -> SecretFiles.readOrCreate(Path.of(config.hmacSecretFile()), ServerSecret::generate))
                .trim();
        if (secret.length() < MIN_LENGTH) {
            throw new IllegalStateException("The HMAC secret must be at least " + MIN_LENGTH + " characters");
        }
        this.master = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** HMAC-SHA256 of {@code message} under the key derived for {@code purpose}. */
    public byte[] sign(String purpose, String message) {
        // Every check-in signs twice (QR, checkout token): derive each purpose's key once, and copy a Mac already
        // keyed with it rather than looking the algorithm up and keying a new one per call.
        Mac keyed = byPurpose.computeIfAbsent(purpose, p -> keyedMac(hmac(keyedMac(master), p)));
        return hmac(keyed, message);
    }

    private static Mac keyedMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A copy of {@code keyed} signs {@code message}; the keyed one is shared by every thread and never used. */
    private static byte[] hmac(Mac keyed, String message) {
        try {
            return ((Mac) keyed.clone()).doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("HmacSHA256 cannot be copied", e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n";
    }
}
