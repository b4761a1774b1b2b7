package dropvault.testing.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {

    @Test
    void servesSqlOnLoopbackAndSurvivesAStopAndARestart() throws SQLException {
        try (EmbeddedPostgres pg = EmbeddedPostgres.start()) {
            String url = pg.createDatabase();
            try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (v int)");
                s.execute("INSERT INTO t VALUES (42)");
            }
            pg.stop();
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, EmbeddedPostgres.USER, "").close());
            pg.restart();
            try (Connection c = DriverManager.getConnection(url, EmbeddedPostgres.USER, "");
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT v, inet_server_addr()::text FROM t")) {
                r.next();
                assertEquals(42, r.getInt(1));
                assertEquals("127.0.0.1/32", r.getString(2));
            }
        }
    }

    @Test
    void theSharedServerGivesEachCallerItsOwnDatabase() throws SQLException {
        String a = EmbeddedPostgres.shared().createDatabase();
        String b = EmbeddedPostgres.shared().createDatabase();
        try (Connection c = DriverManager.getConnection(a, EmbeddedPostgres.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_in_a (v int)");
        }
        try (Connection c = DriverManager.getConnection(b, EmbeddedPostgres.USER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE only_in_a (v int)");
        }
    }
}
