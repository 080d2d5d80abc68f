package vn.checkin.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database of the default configuration survives threads interrupted in the middle of its file IO
 * (Quartz interrupts its threads at shutdown; any library may): every write of an interrupted thread is stored and
 * the database stays usable. With a plain {@code file:} URL the first such write closes the file for everyone.
 */
class EmbeddedDatabaseInterruptTest {

    @TempDir
    Path dataDir;

    @Test
    void writesOfInterruptedThreadsAreStoredAndTheDatabaseStaysUsable() throws Exception {
        String url = configuredUrl().replace("${checkin.data-dir}", dataDir.toString());
        int rows = 100;
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("create table note (id int primary key, text varchar(200))");
            for (int i = 0; i < rows; i++) {
                Thread.currentThread().interrupt();
                try (PreparedStatement insert = connection.prepareStatement("insert into note values (?, ?)")) {
                    insert.setInt(1, i);
                    insert.setString(2, "ghi chú ".repeat(20));
                    insert.executeUpdate();
                } finally {
                    Thread.interrupted();
                }
            }
        }
        try (Connection again = DriverManager.getConnection(url, "sa", "");
             ResultSet count = again.createStatement().executeQuery("select count(*) from note")) {
            count.next();
            assertThat(count.getInt(1)).isEqualTo(rows);
        }
    }

    @Test
    void aPlainFileUrlWouldBreakTheDatabaseForEveryone() throws Exception {
        String url = configuredUrl().replace("${checkin.data-dir}", dataDir.toString()).replace("jdbc:h2:retry:", "jdbc:h2:file:");
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            connection.createStatement().execute("create table note (id int primary key, text varchar(200))");
            SQLException broken = null;
            for (int i = 0; i < 100 && broken == null; i++) {
                Thread.currentThread().interrupt();
                try (PreparedStatement insert = connection.prepareStatement("insert into note values (?, ?)")) {
                    insert.setInt(1, i);
                    insert.setString(2, "ghi chú ".repeat(20));
                    insert.executeUpdate();
                } catch (SQLException e) {
                    broken = e;
                } finally {
                    Thread.interrupted();
                }
            }
            assertThat((Object) broken).as("the control: an interrupted write on file: breaks the store").isNotNull();
        } catch (SQLException closing) {
            // Closing a broken store may fail as well.
        }
    }

    private static String configuredUrl() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = EmbeddedDatabaseInterruptTest.class.getClassLoader()
                .getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        String url = properties.getProperty("quarkus.datasource.jdbc.url");
        assertThat(url).startsWith("jdbc:h2:retry:");
        return url;
    }
}
