package vn.checkin.common;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signature is HMAC-SHA256 of the message under HMAC-SHA256(secret, purpose), whichever thread asks and however
 * often: the keyed Macs the service keeps per purpose must never mix two callers' messages.
 */
@QuarkusTest
class ServerSecretTest {

    @Inject
    ServerSecret secret;

    @Inject
    CheckinConfig config;

    @Test
    void manyThreadsSigningAtOnceEachGetTheSignatureOfTheirOwnMessageUnderTheirPurpose() throws Exception {
        byte[] master = masterSecret();
        ExecutorService signers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String purpose = i % 2 == 0 ? "test-qr" : "test-checkout";
                String message = "message " + i;
                checks.add(signers.submit(() -> Arrays.equals(secret.sign(purpose, message),
                        hmac(hmac(master, purpose), message))));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get(10, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            signers.shutdownNow();
        }
    }

    @Test
    void onePurposeCannotForgeAnother() {
        assertThat(secret.sign("test-qr", "site:1")).isNotEqualTo(secret.sign("test-checkout", "site:1"))
                .isEqualTo(secret.sign("test-qr", "site:1"));
    }

    private byte[] masterSecret() throws Exception {
        String configured = config.hmacSecret().filter(s -> !s.isBlank()).orElse(null);
        String text = configured != null ? configured : Files.readString(Path.of(config.hmacSecretFile()));
        return text.trim().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
