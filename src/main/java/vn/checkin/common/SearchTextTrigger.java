package vn.checkin.common;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * H2's twin of PostgreSQL's {@code search_text} triggers (db/pg/V18): before a row is inserted or updated, its
 * {@code search_text} becomes {@link SearchText#of} its searched columns, whoever writes the row (the service, a
 * batch, plain SQL). A subclass names the columns, in the order PostgreSQL's trigger joins them.
 */
public abstract class SearchTextTrigger implements Trigger {

    private final List<String> columns;
    private int[] sources;
    private int target = -1;

    protected SearchTextTrigger(String... columns) {
        this.columns = List.of(columns);
    }

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        sources = new int[columns.size()];
        Arrays.fill(sources, -1);
        try (ResultSet rows = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (rows.next()) {
                int index = rows.getInt("ORDINAL_POSITION") - 1;
                String name = rows.getString("COLUMN_NAME").toLowerCase();
                int source = columns.indexOf(name);
                if (source >= 0) {
                    sources[source] = index;
                } else if (name.equals("search_text")) {
                    target = index;
                }
            }
        }
        if (target < 0 || Arrays.stream(sources).anyMatch(index -> index < 0)) {
            throw new SQLException(table + " lacks search_text or one of " + columns);
        }
    }

    @Override
    public void fire(Connection connection, Object[] before, Object[] after) {
        if (after == null) {
            return;
        }
        String[] fields = new String[sources.length];
        for (int i = 0; i < sources.length; i++) {
            fields[i] = (String) after[sources[i]];
        }
        after[target] = SearchText.of(fields);
    }

    @Override
    public void close() {
        // Nothing held.
    }

    @Override
    public void remove() {
        // Nothing held.
    }
}
