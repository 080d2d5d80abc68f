package vn.checkin.tracing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of a stored result: a case visit, or a contact at level F1 or F2 with its overlap. */
@Entity
@Table(name = "tracing_row")
public class TracingRow {

    public enum Kind { CASE, F1, F2 }

    @Id
    public UUID id;

    @Column(name = "query_id", nullable = false)
    public UUID queryId;

    @Column(name = "row_no", nullable = false)
    public int rowNo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(name = "visit_id", nullable = false)
    public UUID visitId;

    /** For F1 the case visit it overlapped, for F2 the F1 visit. */
    @Column(name = "via_visit_id")
    public UUID viaVisitId;

    @Column(name = "overlap_start")
    public Instant overlapStart;

    @Column(name = "overlap_end")
    public Instant overlapEnd;

    @Column(name = "overlap_seconds")
    public Long overlapSeconds;

    public Integer encounters;
}
