package vn.checkin.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.hibernate.Session;
import vn.checkin.common.DatabaseKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static vn.checkin.report.ReportViews.FlagCounts;

/**
 * The summary's reads and writes, in plain JDBC on the transaction's connection: the visits of a time range as a
 * stream of rows (on H2 every column comes from the covering arrival-time index of db/h2), the stored figures of
 * ended days, and the sites' report versions. A person is the visit's 64-bit key of its normalised phone, else ID
 * number, else the visit itself ({@link vn.checkin.visit.Visit#personHash}).
 */
@ApplicationScoped
class ReportQueries {

    /** Above this many sites, a query reads all sites' rows and the caller keeps its own. */
    private static final int MAX_LISTED_SITES = 500;
    private static final int FETCH_SIZE = 5_000;
    private static final String COLUMNS = "site_id, local_day, site_version, version, stale, check_ins, flagged, fever, "
            + "symptoms, close_contact, outbreak_area, auto_closed, persons";
    private static final String STORE_POSTGRES = "insert into report_site_day (" + COLUMNS + ") "
            + "values (?, ?, ?, ?, false, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (site_id, local_day) do update set "
            + "site_version = excluded.site_version, stale = false, check_ins = excluded.check_ins, "
            + "flagged = excluded.flagged, fever = excluded.fever, symptoms = excluded.symptoms, "
            + "close_contact = excluded.close_contact, outbreak_area = excluded.outbreak_area, "
            + "auto_closed = excluded.auto_closed, persons = excluded.persons "
            + "where report_site_day.version = excluded.version";
    private static final String STORE_H2 = """
            merge into report_site_day t using (values (cast(? as uuid), cast(? as date), cast(? as bigint),
                cast(? as bigint), cast(? as integer), cast(? as integer), cast(? as integer), cast(? as integer),
                cast(? as integer), cast(? as integer), cast(? as integer), cast(? as varbinary)))
                s (site_id, local_day, site_version, version, check_ins, flagged, fever, symptoms, close_contact,
                outbreak_area, auto_closed, persons)
            on t.site_id = s.site_id and t.local_day = s.local_day
            when matched and t.version = s.version then update set site_version = s.site_version, stale = false,
                check_ins = s.check_ins, flagged = s.flagged, fever = s.fever, symptoms = s.symptoms,
                close_contact = s.close_contact, outbreak_area = s.outbreak_area, auto_closed = s.auto_closed,
                persons = s.persons
            when not matched then insert (site_id, local_day, site_version, version, stale, check_ins, flagged, fever,
                symptoms, close_contact, outbreak_area, auto_closed, persons)
                values (s.site_id, s.local_day, s.site_version, s.version, false, s.check_ins, s.flagged, s.fever,
                s.symptoms, s.close_contact, s.outbreak_area, s.auto_closed, s.persons)""";

    private final EntityManager em;
    private final DatabaseKind database;

    ReportQueries(EntityManager em, DatabaseKind database) {
        this.em = em;
        this.database = database;
    }

    /** One visit as the summary counts it. */
    interface VisitRow {
        void accept(UUID siteId, Instant checkedInAt, Long person, boolean flagged, boolean fever, boolean symptoms,
                    boolean closeContact, boolean outbreakArea, boolean autoClosed);
    }

    /**
     * The figures of one site's ended day, as stored: computed at the site's {@code siteVersion}, over the day's
     * {@code version}; a stale day's figures do not count.
     */
    record StoredDay(UUID siteId, LocalDate day, long siteVersion, long version, boolean stale, long checkIns,
                     long flagged, FlagCounts flags, long autoClosed, byte[] persons) {
    }

    /** The site version a stored day must carry to count (see V10__report_site_day.sql). */
    Map<UUID, Long> versions(Collection<UUID> siteIds) {
        Map<UUID, Long> versions = new HashMap<>();
        work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select id, report_version from site where 1 = 1" + sitesFilter("id", siteIds))) {
                bindSites(statement, 1, siteIds);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        versions.put(rows.getObject(1, UUID.class), rows.getLong(2));
                    }
                }
            }
        });
        return versions;
    }

    /** Every stored day from {@code from} to {@code to} (inclusive), of these sites (or more, when many). */
    void forEachStoredDay(LocalDate from, LocalDate to, Collection<UUID> siteIds, Consumer<StoredDay> consumer) {
        work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("select " + COLUMNS
                    + " from report_site_day where local_day >= ? and local_day <= ?" + sitesFilter("site_id", siteIds))) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setObject(1, from);
                statement.setObject(2, to);
                bindSites(statement, 3, siteIds);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        consumer.accept(new StoredDay(rows.getObject(1, UUID.class), rows.getObject(2, LocalDate.class),
                                rows.getLong(3), rows.getLong(4), rows.getBoolean(5), rows.getLong(6), rows.getLong(7),
                                new FlagCounts(rows.getLong(8), rows.getLong(9), rows.getLong(10), rows.getLong(11)),
                                rows.getLong(12), rows.getBytes(13)));
                    }
                }
            }
        });
    }

    /** Every visit that arrived in {@code [start, end)} at these sites (or at more sites, when many). */
    void forEachVisit(Instant start, Instant end, Collection<UUID> siteIds, VisitRow consumer) {
        work(connection -> {
            customPlans(connection);
            try (PreparedStatement statement = connection.prepareStatement("""
                    select site_id, checked_in_at, person_hash, flagged, flag_fever, flag_symptoms, flag_close_contact,
                        flag_outbreak_area, checkout_source
                    from visit where checked_in_at >= ? and checked_in_at < ?""" + sitesFilter("site_id", siteIds))) {
                statement.setFetchSize(FETCH_SIZE);
                statement.setObject(1, start.atOffset(ZoneOffset.UTC));
                statement.setObject(2, end.atOffset(ZoneOffset.UTC));
                bindSites(statement, 3, siteIds);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        // wasNull() speaks of the column read last: ask it right after the person key.
                        long key = rows.getLong(3);
                        Long person = rows.wasNull() ? null : key;
                        consumer.accept(rows.getObject(1, UUID.class),
                                rows.getObject(2, OffsetDateTime.class).toInstant(), person,
                                rows.getBoolean(4), rows.getBoolean(5), rows.getBoolean(6), rows.getBoolean(7),
                                rows.getBoolean(8), "AUTO".equals(rows.getString(9)));
                    }
                }
            }
        });
    }

    /**
     * Stores computed days, each only over the day's version it was computed at (0: no row): a day marked stale
     * since keeps its mark. Rows go in site and day order, so two reports storing the same days lock them in the
     * same order.
     */
    void store(List<StoredDay> days) {
        if (days.isEmpty()) {
            return;
        }
        List<StoredDay> ordered = new ArrayList<>(days);
        ordered.sort(Comparator.comparing(StoredDay::siteId).thenComparing(StoredDay::day));
        String sql = database.isPostgres() ? STORE_POSTGRES : STORE_H2;
        work(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int pending = 0;
                for (StoredDay day : ordered) {
                    statement.setObject(1, day.siteId());
                    statement.setObject(2, day.day());
                    statement.setLong(3, day.siteVersion());
                    statement.setLong(4, day.version());
                    statement.setLong(5, day.checkIns());
                    statement.setLong(6, day.flagged());
                    statement.setLong(7, day.flags().fever());
                    statement.setLong(8, day.flags().symptoms());
                    statement.setLong(9, day.flags().closeContact());
                    statement.setLong(10, day.flags().outbreakArea());
                    statement.setLong(11, day.autoClosed());
                    statement.setBytes(12, day.persons());
                    statement.addBatch();
                    if (++pending == 500) {
                        statement.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    statement.executeBatch();
                }
            }
        });
    }

    Map<UUID, Long> openNow(Collection<UUID> siteIds, boolean allSites) {
        TypedQuery<Object[]> query = em.createQuery("select v.siteId, count(v) from Visit v where v.checkedOutAt is null"
                + (allSites ? "" : " and v.siteId in :sites") + " group by v.siteId", Object[].class);
        if (!allSites) {
            query.setParameter("sites", siteIds);
        }
        Map<UUID, Long> open = new HashMap<>();
        for (Object[] row : query.getResultList()) {
            open.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return open;
    }

    /** Whether a query names its sites; with many, it reads every site and the caller keeps its own. */
    private static boolean listsSites(Collection<UUID> siteIds) {
        return siteIds.size() <= MAX_LISTED_SITES;
    }

    private static String sitesFilter(String column, Collection<UUID> siteIds) {
        if (!listsSites(siteIds)) {
            return "";
        }
        return siteIds.isEmpty() ? " and 1 = 0"
                : " and " + column + " in (" + String.join(", ", Collections.nCopies(siteIds.size(), "?")) + ")";
    }

    private static void bindSites(PreparedStatement statement, int first, Collection<UUID> siteIds) throws SQLException {
        if (!listsSites(siteIds)) {
            return;
        }
        int index = first;
        for (UUID id : siteIds) {
            statement.setObject(index++, id);
        }
    }

    /**
     * On PostgreSQL, a range scan plans with its actual bounds (an ended month is a sequential or bitmap scan,
     * today an index scan), not with the generic plan the driver switches to after five runs.
     */
    private void customPlans(Connection connection) throws SQLException {
        if (database.isPostgres()) {
            try (PreparedStatement statement = connection.prepareStatement("set local plan_cache_mode = force_custom_plan")) {
                statement.execute();
            }
        }
    }

    private void work(JdbcWork work) {
        em.unwrap(Session.class).doWork(work::run);
    }

    @FunctionalInterface
    private interface JdbcWork {
        void run(Connection connection) throws SQLException;
    }
}
