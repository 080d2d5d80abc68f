package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import vn.checkin.visit.Visit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fills {@code visit.person_hash} of visits stored before V6 added it, once: until now every start of every
 * instance looked for such visits in the background, reading the whole visit table each time (there is no index
 * for a missing key). Stored report figures counted those visits without their persons, so they are recounted.
 */
public class V12__visit_person_keys extends BaseJavaMigration {

    private static final int BATCH = 1000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        long filled = 0;
        try (PreparedStatement read = connection.prepareStatement(
                "select id, phone, id_number from visit where person_hash is null");
             PreparedStatement write = connection.prepareStatement("update visit set person_hash = ? where id = ?")) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    write.setLong(1, Visit.personHash(rows.getString(2), rows.getString(3), id));
                    write.setObject(2, id);
                    write.addBatch();
                    if (++filled % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        if (filled > 0) {
            try (Statement sites = connection.createStatement()) {
                sites.executeUpdate("update site set report_version = report_version + 1");
            }
        }
    }
}
