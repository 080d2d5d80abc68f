package vn.checkin.tracing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A stored tracing query: its criteria, who asked and why. Its result rows are {@link TracingRow}s. */
@Entity
@Table(name = "tracing_query")
public class TracingQuery {

    @Id
    public UUID id;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(nullable = false)
    public String reason;

    @Column(name = "case_phone")
    public String casePhone;

    @Column(name = "case_id_number")
    public String caseIdNumber;

    @Column(name = "case_visit_id")
    public UUID caseVisitId;

    @Column(name = "window_from", nullable = false)
    public Instant windowFrom;

    @Column(name = "window_to", nullable = false)
    public Instant windowTo;

    @Column(name = "min_overlap_minutes", nullable = false)
    public int minOverlapMinutes;

    @Column(name = "buffer_minutes", nullable = false)
    public int bufferMinutes;

    @Column(nullable = false)
    public int depth;
}
