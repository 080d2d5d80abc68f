package vn.checkin.site;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An entrance screen enrolled for one site. Its token works until the device is revoked. */
@Entity
@Table(name = "kiosk_device")
public class KioskDevice {

    @Id
    public UUID id;

    @Column(name = "site_id", nullable = false)
    public UUID siteId;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    /** When its token last fetched a code, to within {@link KioskDevices#SEEN_PRECISION}. */
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;
}
