package vn.checkin.site;

import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.CheckinConfig;
import vn.checkin.common.ServerSecret;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs and checks the check-in URL printed in a site's QR code:
 * {@code {publicBaseUrl}/c/{siteCode}?v={qrVersion}&s={signature}}, the signature an HMAC over code and version.
 */
@ApplicationScoped
public class QrSigner {

    private static final String PURPOSE = "qr-v1";
    private static final String KIOSK_PURPOSE = "kiosk-qr-v1";
    private static final int SIGNATURE_BYTES = 16;

    private final ServerSecret secret;
    private final String baseUrl;

    QrSigner(ServerSecret secret, CheckinConfig config) {
        this.secret = secret;
        String base = config.publicBaseUrl().trim();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String checkinUrl(String siteCode, int version) {
        return baseUrl + "/c/" + URLEncoder.encode(siteCode, StandardCharsets.UTF_8) + "?v=" + version
                + "&s=" + signature(siteCode, version);
    }

    public String signature(String siteCode, int version) {
        byte[] mac = Arrays.copyOf(secret.sign(PURPOSE, siteCode + ":" + version), SIGNATURE_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /**
     * The URL of a kiosk code: the poster's URL plus {@code t}, the second it was issued, all signed under a
     * purpose of its own, so a poster signature can never pass for a kiosk one or the other way round.
     */
    public String kioskUrl(String siteCode, int version, Instant issuedAt) {
        long t = issuedAt.getEpochSecond();
        return baseUrl + "/c/" + URLEncoder.encode(siteCode, StandardCharsets.UTF_8) + "?v=" + version
                + "&t=" + t + "&s=" + kioskSignature(siteCode, version, t);
    }

    public boolean verifyKiosk(String siteCode, int version, long issuedAt, String presented) {
        return presented != null && MessageDigest.isEqual(
                kioskSignature(siteCode, version, issuedAt).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    private String kioskSignature(String siteCode, int version, long issuedAt) {
        byte[] mac = Arrays.copyOf(secret.sign(KIOSK_PURPOSE, siteCode + ":" + version + ":" + issuedAt),
                SIGNATURE_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    /** Constant-time comparison of a presented signature with the expected one. */
    public boolean verify(String siteCode, int version, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(signature(siteCode, version).getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }
}
