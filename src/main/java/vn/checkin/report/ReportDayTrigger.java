package vn.checkin.report;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * H2's twin of PostgreSQL's {@code visit_report_day_changed()} (db/pg/V14): after a visit is inserted, updated or
 * deleted, the stored report figures of its arrival day are marked stale when that day ended more than
 * {@link #MARGIN} ago, whoever changed the row (see db/h2/V14). H2 calls it for every row of every statement on
 * the visit table, in the changing transaction, so it returns at once for what the figures do not count and for
 * rows that arrived within the margin (every live check-in and checkout).
 */
public class ReportDayTrigger implements Trigger {

    /** Days that ended less than this ago are never stored ({@link SiteDays#STORE_AFTER} is longer). */
    static final Duration MARGIN = Duration.ofMinutes(30);

    private static final String MARK = """
            merge into report_site_day t using (values (cast(? as uuid), cast(? as date))) s (site_id, local_day)
            on t.site_id = s.site_id and t.local_day = s.local_day
            when matched then update set version = t.version + 1, stale = true, persons = X''
            when not matched then insert (site_id, local_day, site_version, version, stale, check_ins, flagged, fever,
                symptoms, close_contact, outbreak_area, auto_closed, persons)
                values (s.site_id, s.local_day, 0, 1, true, 0, 0, 0, 0, 0, 0, 0, X'')""";

    private int siteId;
    private int checkedInAt;
    private int checkoutSource;
    /** The columns whose change changes the day's figures, besides the arrival, the site and an automatic end. */
    private int[] counted;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        Map<String, Integer> columns = new HashMap<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (rows.next()) {
                columns.put(rows.getString("COLUMN_NAME").toLowerCase(), rows.getInt("ORDINAL_POSITION") - 1);
            }
        }
        siteId = column(columns, "site_id");
        checkedInAt = column(columns, "checked_in_at");
        checkoutSource = column(columns, "checkout_source");
        counted = new int[] {column(columns, "person_hash"), column(columns, "flagged"),
                column(columns, "flag_fever"), column(columns, "flag_symptoms"),
                column(columns, "flag_close_contact"), column(columns, "flag_outbreak_area")};
    }

    @Override
    public void fire(Connection connection, Object[] before, Object[] after) throws SQLException {
        Instant recent = Instant.now().minus(MARGIN);
        if (before != null && after != null) {
            if (!countedChanged(before, after)) {
                return;
            }
            markIfEnded(connection, before, recent);
            if (!Objects.equals(before[siteId], after[siteId])
                    || !Objects.equals(before[checkedInAt], after[checkedInAt])) {
                markIfEnded(connection, after, recent);
            }
        } else {
            markIfEnded(connection, before != null ? before : after, recent);
        }
    }

    private boolean countedChanged(Object[] before, Object[] after) {
        if (!Objects.equals(before[siteId], after[siteId]) || !Objects.equals(before[checkedInAt], after[checkedInAt])
                || "AUTO".equals(before[checkoutSource]) != "AUTO".equals(after[checkoutSource])) {
            return true;
        }
        for (int column : counted) {
            if (!Objects.equals(before[column], after[column])) {
                return true;
            }
        }
        return false;
    }

    private void markIfEnded(Connection connection, Object[] row, Instant recent) throws SQLException {
        Instant arrival = instant(row[checkedInAt]);
        if (!arrival.isBefore(recent)) {
            return;
        }
        UUID site = (UUID) row[siteId];
        String zone = timeZoneOf(connection, site);
        if (zone == null) {
            return;
        }
        ZoneId id = ZoneId.of(zone);
        LocalDate day = arrival.atZone(id).toLocalDate();
        if (!day.isBefore(recent.atZone(id).toLocalDate())) {
            return;
        }
        try (PreparedStatement mark = connection.prepareStatement(MARK)) {
            mark.setObject(1, site);
            mark.setObject(2, day);
            mark.executeUpdate();
        }
    }

    private static String timeZoneOf(Connection connection, UUID site) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("select time_zone from site where id = ?")) {
            read.setObject(1, site);
            try (ResultSet rows = read.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        throw new IllegalStateException("checked_in_at is a " + (value == null ? "null" : value.getClass().getName()));
    }

    private static int column(Map<String, Integer> columns, String name) throws SQLException {
        Integer index = columns.get(name);
        if (index == null) {
            throw new SQLException("The visit table has no column " + name);
        }
        return index;
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
