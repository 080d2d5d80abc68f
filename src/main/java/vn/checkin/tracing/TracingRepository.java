package vn.checkin.tracing;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TracingRepository implements PanacheRepositoryBase<TracingQuery, UUID> {

    @ApplicationScoped
    public static class Rows implements PanacheRepositoryBase<TracingRow, UUID> {

        public List<TracingRow> ofQuery(UUID queryId) {
            return list("queryId", Sort.ascending("rowNo"), queryId);
        }
    }
}
