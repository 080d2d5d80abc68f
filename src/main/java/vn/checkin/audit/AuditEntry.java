package vn.checkin.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * One audited action: who, when, in which login session, what, on which target, with which criteria (never health
 * data).
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    public UUID id;

    @Column(nullable = false)
    public Instant at;

    @Column(nullable = false)
    public String actor;

    @Column(nullable = false)
    public String action;

    public String target;

    public String detail;

    /** The login session ({@code sid} of the token) the entry was made in; null for jobs and tokens without one. */
    @Column(name = "session_id")
    public UUID sessionId;
}
