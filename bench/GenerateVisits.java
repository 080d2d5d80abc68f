import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/**
 * Benchmark data: N sites and M visits spread over the last D days in arrival order (as a live service stores
 * them, with time-ordered ids), written by JDBC batches into a database
 * whose schema the service has already migrated. Every visit is closed (5 to 240 minutes); persons are drawn
 * from a pool so that some have several visits. Deterministic for a given seed.
 *
 * java -cp 'target/quarkus-app/lib/main/*:target/quarkus-app/app/*' bench/GenerateVisits.java JDBC_URL USER PASSWORD
 *      SITES VISITS DAYS
 */
public class GenerateVisits {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int sites = Integer.parseInt(args[3]);
        int visits = Integer.parseInt(args[4]);
        int days = Integer.parseInt(args[5]);
        int persons = Math.max(10, visits / 4);
        Random random = new Random(42);
        Instant end = Instant.now().minusSeconds(3600);
        Instant start = end.minusSeconds(days * 86_400L);
        try (Connection db = DriverManager.getConnection(url, args[1], args[2])) {
            db.setAutoCommit(false);
            UUID[] siteIds = new UUID[sites];
            try (PreparedStatement insert = db.prepareStatement("insert into site (id, code, name, time_zone, "
                    + "default_stay_minutes, qr_version, active, created_at, updated_at, max_stay_seconds) "
                    + "values (?, ?, ?, 'Asia/Ho_Chi_Minh', 240, 1, true, ?, ?, 0)")) {
                for (int s = 0; s < sites; s++) {
                    siteIds[s] = UUID.randomUUID();
                    insert.setObject(1, siteIds[s]);
                    insert.setString(2, "bench-" + siteIds[s].toString().substring(0, 8) + "-" + s);
                    insert.setString(3, "Điểm đo " + s);
                    insert.setTimestamp(4, Timestamp.from(start));
                    insert.setTimestamp(5, Timestamp.from(start));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = db.prepareStatement("insert into visit (id, site_id, full_name, phone, "
                    + "close_contact, outbreak_area, flag_fever, flag_symptoms, flag_close_contact, "
                    + "flag_outbreak_area, flagged, consent_at, checked_in_at, checked_out_at, checkout_source, "
                    + "entry_source, person_hash) values (?, ?, ?, ?, false, false, false, false, false, false, false, "
                    + "?, ?, ?, 'VISITOR', 'QR', ?)")) {
                long span = end.getEpochSecond() - start.getEpochSecond();
                for (int v = 1; v <= visits; v++) {
                    int person = random.nextInt(persons);
                    Instant in = start.plusMillis((long) ((v - 1 + random.nextDouble()) * span * 1000.0 / visits));
                    Instant out = in.plusSeconds(300 + random.nextInt(235 * 60));
                    UUID id = vn.checkin.common.TimeOrderedIds.at(in);
                    String phone = String.format("+849%08d", person);
                    insert.setObject(1, id);
                    insert.setObject(2, siteIds[random.nextInt(sites)]);
                    insert.setString(3, "Khách " + person);
                    insert.setString(4, phone);
                    insert.setTimestamp(5, Timestamp.from(in));
                    insert.setTimestamp(6, Timestamp.from(in));
                    insert.setTimestamp(7, Timestamp.from(out));
                    insert.setLong(8, vn.checkin.visit.Visit.personHash(phone, null, id));
                    insert.addBatch();
                    if (v % 5_000 == 0) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            try (Statement analyze = db.createStatement()) {
                if (url.startsWith("jdbc:postgresql")) {
                    analyze.execute("analyze visit");
                    analyze.execute("analyze site");
                } else {
                    analyze.execute("analyze");
                }
            }
        }
        System.out.printf("generated %d sites, %d visits, %d persons over %d days%n", sites, visits, persons, days);
    }
}
