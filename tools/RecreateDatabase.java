import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Drops and recreates one PostgreSQL database over JDBC, for {@code ./terrarium start --reset} on a machine without
 * the psql client. Run as a single source file with the driver on the class path:
 * {@code java -cp postgresql.jar tools/RecreateDatabase.java HOST PORT USER DATABASE} (password from PGPASSWORD).
 */
public class RecreateDatabase {

    public static void main(String[] args) throws SQLException {
        if (args.length != 4) {
            System.err.println("usage: RecreateDatabase HOST PORT USER DATABASE");
            System.exit(2);
        }
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/postgres";
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        String quoted = "\"" + args[3].replace("\"", "\"\"") + "\"";
        try (Connection c = DriverManager.getConnection(url, args[2], password);
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + quoted);
        }
    }
}
