package vn.checkin.site;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import vn.checkin.common.ApiException;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The codes that open a site's door: the printed poster's code (no time in it) and the kiosk screen's code,
 * which carries its issue time and expires within {@link KioskConfig#codeLifetime()}. Every check of a scanned
 * code happens here, before anything is stored.
 */
@ApplicationScoped
public class EntranceCodes {

    private static final int KIOSK_IMAGE_PIXELS = 512;

    private final SiteRepository sites;
    private final QrSigner signer;
    private final KioskConfig config;
    private final Clock clock;

    EntranceCodes(SiteRepository sites, QrSigner signer, KioskConfig config, Clock clock) {
        this.sites = sites;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
    }

    /** A fresh kiosk code of the site, issued now. */
    @Transactional
    public KioskCode kioskCode(UUID siteId) {
        Site site = sites.findByIdOptional(siteId).orElseThrow(() -> ApiException.notFound("Site " + siteId));
        Instant issuedAt = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        String url = signer.kioskUrl(site.code, site.qrVersion, issuedAt);
        return new KioskCode(url, issuedAt, issuedAt.plus(config.codeLifetime()),
                config.codeLifetime().toSeconds(), QrImages.svg(url, KIOSK_IMAGE_PIXELS), site.id, site.name,
                site.active);
    }

    /** Refuses a forged, outdated, expired or not-yet-valid code, a poster at a kiosk-only site, an inactive site. */
    public void verify(SiteEntrances.Entrance site, ScannedQr qr) {
        boolean genuine = qr.isKioskCode()
                ? signer.verifyKiosk(site.code(), qr.version(), qr.issuedAt(), qr.signature())
                : signer.verify(site.code(), qr.version(), qr.signature());
        if (!genuine) {
            throw ApiException.badRequest("invalid-qr",
                    "This code was not issued by this service. Scan the code posted at the entrance.");
        }
        if (qr.version() != site.qrVersion()) {
            throw ApiException.badRequest("outdated-qr",
                    "This code has been replaced. Scan the current code posted at the entrance.");
        }
        if (!site.active()) {
            throw ApiException.badRequest("site-inactive", "This site does not accept check-ins at the moment.");
        }
        if (qr.isKioskCode()) {
            checkKioskTime(qr.issuedAt());
        } else if (site.kioskOnly()) {
            throw ApiException.badRequest("kiosk-only",
                    "This site accepts only the code shown on the reception screen. Scan that code.");
        }
    }

    private void checkKioskTime(long issuedAtSecond) {
        Instant now = clock.instant();
        Instant issuedAt = Instant.ofEpochSecond(issuedAtSecond);
        if (issuedAt.isAfter(now.plus(config.clockSkew()))) {
            throw ApiException.badRequest("invalid-qr",
                    "This code is not valid yet. Scan the code shown on the reception screen.");
        }
        if (now.isAfter(issuedAt.plus(config.codeLifetime()).plus(config.clockSkew()))) {
            throw ApiException.badRequest("expired-qr",
                    "This code has expired. Scan the code shown on the reception screen again.");
        }
    }

    /**
     * What the kiosk screen shows: the URL, when it stops working, the QR image as SVG, and the site it is for (a
     * kiosk token may read nothing else, not even the site).
     */
    public record KioskCode(String url, Instant issuedAt, Instant expiresAt, long lifetimeSeconds, String svg,
                            UUID siteId, String siteName, boolean siteActive) {
    }
}
