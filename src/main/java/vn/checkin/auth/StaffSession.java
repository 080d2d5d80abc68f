package vn.checkin.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One login: the {@code sid} of the tokens it issued, valid until it expires or ends. */
@Entity
@Table(name = "staff_session")
public class StaffSession {

    @Id
    public UUID id;

    @Column(name = "user_id", nullable = false)
    public UUID userId;

    /** The account's token version when the session was opened; a session of an older version is refused. */
    @Column(name = "user_version", nullable = false)
    public int userVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "end_reason")
    public String endReason;
}
