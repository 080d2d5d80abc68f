package vn.checkin.site;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.auth.TokenService;
import vn.checkin.common.ApiException;
import vn.checkin.common.PageResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Kiosk devices: enrolled by an administrator or the site's reception for one site, each with a token shown once
 * that fetches that site's kiosk codes only. A kiosk token is checked against its device on every request (a
 * kiosk asks for a code about twice a minute), so a revoked one is refused at once by every instance.
 */
@ApplicationScoped
public class KioskDevices implements PanacheRepositoryBase<KioskDevice, UUID> {

    /** A device's last-seen time is written at most this often. */
    static final Duration SEEN_PRECISION = Duration.ofMinutes(1);

    private final SiteRepository sites;
    private final TokenService tokens;
    private final AuditTrail audit;
    private final Clock clock;

    KioskDevices(SiteRepository sites, TokenService tokens, AuditTrail audit, Clock clock) {
        this.sites = sites;
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public Enrolled enrol(UUID siteId, String name, String enrolledBy) {
        sites.findByIdOptional(siteId).orElseThrow(() -> ApiException.notFound("Site " + siteId));
        KioskDevice device = new KioskDevice();
        device.id = UUID.randomUUID();
        device.siteId = siteId;
        device.name = name.strip();
        device.createdBy = enrolledBy;
        device.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        persist(device);
        audit.record(AuditAction.KIOSK_ENROL, device.id, Map.of("site", siteId, "name", device.name));
        return new Enrolled(device.id, device.name, device.siteId, tokens.issueKiosk(device.id, siteId),
                device.createdAt);
    }

    @Transactional
    public PageResponse<KioskView> list(UUID siteId, Boolean revoked, int page, int size) {
        sites.findByIdOptional(siteId).orElseThrow(() -> ApiException.notFound("Site " + siteId));
        String where = "siteId = ?1" + (revoked == null ? "" : revoked ? " and revokedAt is not null" : " and revokedAt is null");
        var query = find(where, Sort.descending("createdAt").and("id"), siteId);
        return new PageResponse<>(query.page(page, size).list().stream().map(KioskView::of).toList(),
                query.count(), page, size);
    }

    /** Revokes a device of the site; revoking one already revoked changes nothing. */
    @Transactional
    public void revoke(UUID siteId, UUID kioskId, String revokedBy) {
        KioskDevice device = findByIdOptional(kioskId).filter(d -> d.siteId.equals(siteId))
                .orElseThrow(() -> ApiException.notFound("Kiosk " + kioskId));
        if (device.revokedAt == null) {
            device.revokedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            device.revokedBy = revokedBy;
            audit.record(AuditAction.KIOSK_REVOKE, device.id, Map.of("site", siteId, "name", device.name));
        }
    }

    /** Whether a kiosk token's device is enrolled and not revoked; notes when it was seen (at most once a minute). */
    @Transactional
    public boolean inService(UUID kioskId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int seen = update("lastSeenAt = ?1 where id = ?2 and revokedAt is null and (lastSeenAt is null or lastSeenAt < ?3)",
                now, kioskId, now.minus(SEEN_PRECISION));
        return seen > 0 || count("id = ?1 and revokedAt is null", kioskId) > 0;
    }

    public record Enrolled(UUID id, String name, UUID siteId, String kioskToken, Instant createdAt) {
    }

    public record KioskView(UUID id, String name, UUID siteId, Instant createdAt, String createdBy,
                            Instant lastSeenAt, Instant revokedAt, String revokedBy) {
        static KioskView of(KioskDevice d) {
            return new KioskView(d.id, d.name, d.siteId, d.createdAt, d.createdBy, d.lastSeenAt, d.revokedAt,
                    d.revokedBy);
        }
    }
}
