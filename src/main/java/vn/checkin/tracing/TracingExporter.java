package vn.checkin.tracing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.audit.AuditAction;
import vn.checkin.audit.AuditTrail;
import vn.checkin.common.ApiException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/** Streams a stored query as CSV, XLSX or PDF; the export is audited before the first byte is sent. */
@ApplicationScoped
public class TracingExporter {

    private final TracingRepository queries;
    private final TracingResults results;
    private final AuditTrail audit;
    private final Clock clock;

    TracingExporter(TracingRepository queries, TracingResults results, AuditTrail audit, Clock clock) {
        this.queries = queries;
        this.results = results;
        this.audit = audit;
        this.clock = clock;
    }

    /** Checks that the query exists and the reader may export it, and audits the export. */
    public void authorise(UUID id, ExportFormat format, String reader, boolean admin) {
        QuarkusTransaction.requiringNew().run(() -> {
            queries.readable(id, reader, admin);
            audit.recordAs(reader, AuditAction.TRACING_EXPORT, id, Map.of("format", format.extension()));
        });
    }

    public void write(UUID id, ExportFormat format, String reader, OutputStream out) {
        QuarkusTransaction.requiringNew().run(() -> {
            TracingQuery query = find(id);
            ExportWriter writer = format.writerFor(out);
            try {
                writer.begin(new ExportWriter.ExportHeader(query.id, caseReference(query), query.windowFrom,
                        query.windowTo, query.minOverlapMinutes, query.bufferMinutes, query.depth, query.reason,
                        query.createdBy, query.createdAt, reader, clock.instant()));
                results.forEachRow(query, row -> {
                    try {
                        writer.row(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                writer.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private TracingQuery find(UUID id) {
        return queries.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Tracing query " + id));
    }

    private static String caseReference(TracingQuery query) {
        if (query.casePhone != null) {
            return query.casePhone;
        }
        return query.caseIdNumber != null ? query.caseIdNumber : "visit " + query.caseVisitId;
    }
}
