package vn.checkin.visit;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The stored state of some sites, read with plain JDBC outside the service: every visit with the columns the
 * database derives (person key, stay length), every stored report day, and the sites' report versions.
 */
final class StayRows {

    private StayRows() {
    }

    /** One visit row as stored. */
    record Row(UUID id, UUID siteId, String phone, String idNumber, Instant in, Instant out, String source,
               String entry, StayModel.Flags flags, Long personHash, Long staySeconds) {

        StayModel.Stay stay() {
            return new StayModel.Stay(id, siteId, phone, idNumber, in, out, source, entry, flags);
        }

        /** Stays are half-open, and an open one lasts until now. */
        Instant end(Instant now) {
            return out == null ? now : out;
        }

        boolean open() {
            return out == null;
        }

        boolean shares(Row other) {
            return (phone != null && phone.equals(other.phone)) || (idNumber != null && idNumber.equals(other.idNumber));
        }

        /** The README's person of a visit for reports: normalised phone, else ID number, else the visit itself. */
        String personKey() {
            return phone != null ? "phone:" + phone : idNumber != null ? "id:" + idNumber : "visit:" + id;
        }
    }

    /** One row of report_site_day. */
    record StoredDay(UUID siteId, LocalDate day, long siteVersion, long version, boolean stale, long checkIns,
                     long flagged, long fever, long symptoms, long closeContact, long outbreakArea, long autoClosed,
                     byte[] persons) {
    }

    static List<Row> visits(DataSource db, Collection<UUID> sites) {
        List<Row> rows = new ArrayList<>();
        query(db, """
                select id, site_id, phone, id_number, checked_in_at, checked_out_at, checkout_source, entry_source,
                    flag_fever, flag_symptoms, flag_close_contact, flag_outbreak_area, flagged, person_hash, stay_seconds
                from visit where site_id in (%s)""", sites, r -> {
            StayModel.Flags flags = new StayModel.Flags(r.getBoolean(9), r.getBoolean(10), r.getBoolean(11),
                    r.getBoolean(12));
            if (flags.any() != r.getBoolean(13)) {
                throw new AssertionError("visit " + r.getObject(1) + ": flagged is " + r.getBoolean(13)
                        + " but its flags are " + flags);
            }
            rows.add(new Row(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3), r.getString(4),
                    instant(r, 5), instant(r, 6), r.getString(7), r.getString(8), flags, nullableLong(r, 14),
                    nullableLong(r, 15)));
        });
        return rows;
    }

    static List<StoredDay> days(DataSource db, Collection<UUID> sites) {
        List<StoredDay> days = new ArrayList<>();
        query(db, """
                select site_id, local_day, site_version, version, stale, check_ins, flagged, fever, symptoms,
                    close_contact, outbreak_area, auto_closed, persons
                from report_site_day where site_id in (%s)""", sites, r -> days.add(new StoredDay(
                r.getObject(1, UUID.class), r.getObject(2, LocalDate.class), r.getLong(3), r.getLong(4),
                r.getBoolean(5), r.getLong(6), r.getLong(7), r.getLong(8), r.getLong(9), r.getLong(10),
                r.getLong(11), r.getLong(12), r.getBytes(13))));
        return days;
    }

    static Map<UUID, Long> reportVersions(DataSource db, Collection<UUID> sites) {
        Map<UUID, Long> versions = new HashMap<>();
        query(db, "select id, report_version from site where id in (%s)", sites,
                r -> versions.put(r.getObject(1, UUID.class), r.getLong(2)));
        return versions;
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(DataSource db, String sql, Collection<UUID> sites, RowReader reader) {
        try (Connection connection = db.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     sql.formatted(String.join(", ", Collections.nCopies(sites.size(), "?"))))) {
            int index = 1;
            for (UUID site : sites) {
                statement.setObject(index++, site);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
