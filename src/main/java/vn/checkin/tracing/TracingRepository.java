package vn.checkin.tracing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import vn.checkin.common.ApiException;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TracingRepository implements PanacheRepositoryBase<TracingQuery, UUID> {

    /** A stored query its reader may use: tracing officers their own, administrators every one. */
    public TracingQuery readable(UUID id, String reader, boolean admin) {
        TracingQuery query = findByIdOptional(id).orElseThrow(() -> ApiException.notFound("Tracing query " + id));
        if (!admin && !query.createdBy.equals(reader)) {
            throw ApiException.forbidden("Tracing officers work with their own queries.");
        }
        return query;
    }

    @ApplicationScoped
    public static class Rows implements PanacheRepositoryBase<TracingRow, UUID> {

        public List<TracingRow> ofQuery(UUID queryId) {
            return list("queryId", Sort.ascending("rowNo"), queryId);
        }
    }
}
