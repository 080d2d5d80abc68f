import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark data: N new sites and M visits spread over the last D days in arrival order (as a live service
 * stores them, with time-ordered ids), written by JDBC batches into a database whose schema the service has
 * already migrated. Every visit is closed (5 to 240 minutes); persons are drawn from a pool of M / 4 so that
 * most have several visits. The longest stay per site needs nothing: the database generates each stay's length.
 * Deterministic for a given seed. Several runs add to one database: give each run its own batch name and
 * person offset, so a later batch adds visits at other sites by other persons.
 *
 * java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' bench/GenerateVisits.java JDBC_URL USER PASSWORD
 *      SITES VISITS DAYS [--batch NAME] [--person-offset N] [--seed S] [--day-site ROWS]
 *
 * --person-offset N  phones are +849 followed by the 8-digit number offset + person (default 0)
 * --day-site ROWS    also one site "bench-day-NAME" with ROWS visits during yesterday (Asia/Ho_Chi_Minh), by
 *                    distinct persons (+848...), for the day log and its CSV download
 */
public class GenerateVisits {

    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int sites = Integer.parseInt(args[3]);
        int visits = Integer.parseInt(args[4]);
        int days = Integer.parseInt(args[5]);
        Map<String, String> options = new HashMap<>();
        for (int i = 6; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String batch = options.getOrDefault("--batch", "a");
        long personOffset = Long.parseLong(options.getOrDefault("--person-offset", "0"));
        int daySiteRows = Integer.parseInt(options.getOrDefault("--day-site", "0"));
        int persons = Math.max(10, visits / 4);
        Random random = new Random(Long.parseLong(options.getOrDefault("--seed", "42")));
        Instant end = Instant.now().minusSeconds(3600);
        Instant start = end.minusSeconds(days * 86_400L);
        try (Connection db = DriverManager.getConnection(url, args[1], args[2])) {
            db.setAutoCommit(false);
            reportDayTriggers(db, url, false);
            UUID[] siteIds = insertSites(db, batch, sites, start);
            try (PreparedStatement insert = visitInsert(db)) {
                long span = end.getEpochSecond() - start.getEpochSecond();
                for (int v = 1; v <= visits; v++) {
                    int person = random.nextInt(persons);
                    Instant in = start.plusMillis((long) ((v - 1 + random.nextDouble()) * span * 1000.0 / visits));
                    int stay = 300 + random.nextInt(235 * 60);
                    int site = random.nextInt(sites);
                    addVisit(insert, siteIds[site], String.format("+849%08d", personOffset + person),
                            "Khách " + (personOffset + person), in, in.plusSeconds(stay));
                    if (v % 5_000 == 0) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            if (daySiteRows > 0) {
                daySite(db, batch, daySiteRows, random);
            }
            reportDayTriggers(db, url, true);
            analyze(db, url);
        }
        System.out.printf("generated %d sites, %d visits, %d persons over %d days%s%n", sites, visits, persons, days,
                daySiteRows > 0 ? " and a day site with " + daySiteRows + " visits yesterday" : "");
    }

    private static UUID[] insertSites(Connection db, String batch, int sites, Instant createdAt) throws Exception {
        UUID[] siteIds = new UUID[sites];
        try (PreparedStatement insert = db.prepareStatement("insert into site (id, code, name, time_zone, "
                + "default_stay_minutes, qr_version, active, created_at, updated_at) "
                + "values (?, ?, ?, 'Asia/Ho_Chi_Minh', 240, 1, true, ?, ?)")) {
            for (int s = 0; s < sites; s++) {
                siteIds[s] = UUID.randomUUID();
                insert.setObject(1, siteIds[s]);
                insert.setString(2, "bench-" + batch + "-" + siteIds[s].toString().substring(0, 8) + "-" + s);
                insert.setString(3, "Điểm đo " + batch + " " + s);
                insert.setTimestamp(4, Timestamp.from(createdAt));
                insert.setTimestamp(5, Timestamp.from(createdAt));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        return siteIds;
    }

    /** One site with ROWS visits spread over yesterday (local), each by another person, all closed that day. */
    private static void daySite(Connection db, String batch, int rows, Random random) throws Exception {
        LocalDate yesterday = LocalDate.now(ZONE).minusDays(1);
        Instant dayStart = yesterday.atStartOfDay(ZONE).toInstant();
        UUID siteId = UUID.randomUUID();
        try (PreparedStatement insert = db.prepareStatement("insert into site (id, code, name, time_zone, "
                + "default_stay_minutes, qr_version, active, created_at, updated_at) "
                + "values (?, ?, 'Sảnh đo tải', 'Asia/Ho_Chi_Minh', 240, 1, true, ?, ?)")) {
            insert.setObject(1, siteId);
            insert.setString(2, "bench-day-" + batch);
            insert.setTimestamp(3, Timestamp.from(dayStart.minusSeconds(86_400)));
            insert.setTimestamp(4, Timestamp.from(dayStart.minusSeconds(86_400)));
            insert.executeUpdate();
        }
        try (PreparedStatement insert = visitInsert(db)) {
            long span = 20L * 3600 * 1000;
            for (int v = 0; v < rows; v++) {
                Instant in = dayStart.plusMillis(3_600_000 + (long) ((v + random.nextDouble()) * span / rows));
                int stay = 300 + random.nextInt(60 * 60);
                addVisit(insert, siteId, String.format("+848%08d", v), "Khách ngày " + v, in, in.plusSeconds(stay));
                if ((v + 1) % 5_000 == 0) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
        }
        db.commit();
    }

    private static PreparedStatement visitInsert(Connection db) throws Exception {
        return db.prepareStatement("insert into visit (id, site_id, full_name, phone, "
                + "close_contact, outbreak_area, flag_fever, flag_symptoms, flag_close_contact, "
                + "flag_outbreak_area, flagged, consent_at, checked_in_at, checked_out_at, checkout_source, "
                + "entry_source, person_hash, organization, purpose, temperature_c, vaccine_doses) "
                + "values (?, ?, ?, ?, false, false, false, false, false, false, false, "
                + "?, ?, ?, 'VISITOR', 'QR', ?, 'Công ty đo tải', 'Họp', 36.6, 2)");
    }

    private static void addVisit(PreparedStatement insert, UUID siteId, String phone, String name, Instant in,
                                 Instant out) throws Exception {
        UUID id = vn.checkin.common.TimeOrderedIds.at(in);
        insert.setObject(1, id);
        insert.setObject(2, siteId);
        insert.setString(3, name);
        insert.setString(4, phone);
        insert.setTimestamp(5, Timestamp.from(in));
        insert.setTimestamp(6, Timestamp.from(in));
        insert.setTimestamp(7, Timestamp.from(out));
        insert.setLong(8, vn.checkin.visit.Visit.personHash(phone, null, id));
        insert.addBatch();
    }

    /**
     * Turns the report-day triggers (V14) off for the load and on again after it. They would mark each loaded
     * visit's day stale, one upsert per row; every visit loaded here belongs to a site this load creates, which has
     * no stored day to mark. The longest stay needs nothing: it is a generated column.
     */
    private static void reportDayTriggers(Connection db, String url, boolean on) throws Exception {
        try (Statement statement = db.createStatement()) {
            if (url.startsWith("jdbc:postgresql")) {
                statement.execute("set session_replication_role = " + (on ? "origin" : "replica"));
            } else if (on) {
                statement.execute("create trigger visit_report_day after insert, update, delete on visit for each row"
                        + " call 'vn.checkin.report.ReportDayTrigger'");
            } else {
                statement.execute("drop trigger if exists visit_report_day");
            }
        }
        db.commit();
    }

    private static void analyze(Connection db, String url) throws Exception {
        try (Statement analyze = db.createStatement()) {
            if (url.startsWith("jdbc:postgresql")) {
                db.setAutoCommit(true);
                analyze.execute("analyze visit");
                analyze.execute("analyze site");
            } else {
                analyze.execute("analyze");
                db.commit();
            }
        }
    }
}
