package vn.checkin.visit;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * H2's twin of PostgreSQL's {@code visit_person_key()} (db/pg/V15): a visit inserted without a person key, as a row
 * loaded straight into the table is, gets the one {@link Visit#personHash} gives; the service's own inserts carry
 * theirs already and pass untouched.
 */
public class PersonKeyTrigger implements Trigger {

    private int id;
    private int phone;
    private int idNumber;
    private int personHash;

    @Override
    public void init(Connection connection, String schema, String trigger, String table, boolean before, int type)
            throws SQLException {
        try (ResultSet rows = connection.getMetaData().getColumns(null, schema, table, null)) {
            while (rows.next()) {
                int index = rows.getInt("ORDINAL_POSITION") - 1;
                switch (rows.getString("COLUMN_NAME").toLowerCase()) {
                    case "id" -> id = index;
                    case "phone" -> phone = index;
                    case "id_number" -> idNumber = index;
                    case "person_hash" -> personHash = index;
                    default -> {
                        // not needed
                    }
                }
            }
        }
    }

    @Override
    public void fire(Connection connection, Object[] before, Object[] after) {
        if (after != null && after[personHash] == null) {
            after[personHash] = Visit.personHash((String) after[phone], (String) after[idNumber], (UUID) after[id]);
        }
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
