package vn.checkin.site;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A place with an entrance QR code: an office, a branch, a reception point. */
@Entity
@Table(name = "site")
public class Site {

    @Id
    public UUID id;

    /** Slug printed in the QR URL; never changes once codes are posted. */
    @Column(nullable = false, unique = true, updatable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    public String address;

    public String organization;

    /** Name, code and organization in {@link vn.checkin.common.SearchText} form: kept by the database (V18). */
    @Column(name = "search_text", insertable = false, updatable = false)
    public String searchText;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "default_stay_minutes", nullable = false)
    public int defaultStayMinutes;

    /** Raised by a rotation; codes signed for an older version are refused. */
    @Column(name = "qr_version", nullable = false)
    public int qrVersion;

    @Column(nullable = false)
    public boolean active;

    /** Only the short-lived codes of the reception kiosk are accepted; the poster's code is refused. */
    @Column(name = "kiosk_only", nullable = false)
    public boolean kioskOnly;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
