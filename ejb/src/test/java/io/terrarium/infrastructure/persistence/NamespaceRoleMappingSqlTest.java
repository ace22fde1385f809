package io.terrarium.infrastructure.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.security.ArnPattern;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The role mapping tables of {@code db/migration/common/V2__namespace_role_mappings.sql} and the {@code LIKE}
 * patterns lists are filtered with, on real databases: H2 in memory, and the PostgreSQL database named by
 * {@code -Dterrarium.unit.pg.url} (default {@code terrarium_test} on 127.0.0.1) in a schema of its own that is
 * dropped afterwards.
 */
class NamespaceRoleMappingSqlTest {

    private static final List<String> NAMESPACES =
            List.of("default", "team", "team_a", "teamxa", "team-1", "teams", "a.b", "axb", "filesystem", "t$m", "T");

    private final String schema =
            "rolemap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private Connection connection;
    private String database;

    @AfterEach
    void dropSchema() throws SQLException {
        if (connection == null) {
            return;
        }
        if (database.equals("postgresql")) {
            try (Statement s = connection.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
        connection.close();
    }

    private void open(String database) throws SQLException, IOException {
        this.database = database;
        if (database.equals("h2")) {
            connection = DriverManager.getConnection("jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1");
        } else {
            connection = UnitPostgres.connect();
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
                s.execute("SET search_path TO " + schema);
            }
        }
        try (Statement s = connection.createStatement()) {
            // the namespace table as the schema before this migration has it
            s.execute("CREATE TABLE namespace (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(255) NOT NULL UNIQUE,"
                    + " metadata_json CLOB, deleted_on TIMESTAMP)"
                            .replace("CLOB", database.equals("h2") ? "CLOB" : "TEXT"));
            for (String statement : migration()) {
                s.execute(statement);
            }
            for (int i = 0; i < NAMESPACES.size(); i++) {
                s.execute("INSERT INTO namespace (id, name) VALUES (" + (i + 1) + ", '" + NAMESPACES.get(i) + "')");
            }
        }
    }

    private static List<String> migration() throws IOException {
        String text;
        try (InputStream in = NamespaceRoleMappingSqlTest.class.getResourceAsStream(
                "/db/migration/common/V2__namespace_role_mappings.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                String statement = current.toString().trim();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        return statements;
    }

    private long id(String namespace) {
        return NAMESPACES.indexOf(namespace) + 1;
    }

    private void insertV2(long id, String namespace, String other, String role) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO namespace_role_mapping_v2 (id, namespace_id, other_namespace_id, role) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, id(namespace));
            ps.setLong(3, other == null ? 999 : id(other));
            ps.setString(4, role);
            ps.executeUpdate();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aPairOfNamespacesHasAtMostOneV2Mapping(String database) throws Exception {
        open(database);
        insertV2(1, "team", "default", "viewer");
        insertV2(2, "default", "team", "viewer");
        SQLException duplicate = assertThrows(SQLException.class, () -> insertV2(3, "team", "default", "admin"));
        assertTrue(duplicate.getSQLState().startsWith("23"), duplicate.getSQLState());
        SQLException dangling = assertThrows(SQLException.class, () -> insertV2(4, "team", null, "admin"));
        assertTrue(dangling.getSQLState().startsWith("23"), dangling.getSQLState());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void v1MappingsNeedANamespaceAndTheSequencesCountFromOne(String database) throws Exception {
        open(database);
        try (Statement s = connection.createStatement()) {
            s.execute("INSERT INTO namespace_role_mapping (id, namespace_id, entity, role)"
                    + " VALUES (1, 2, 'team-*/*', 'viewer')");
            SQLException dangling = assertThrows(
                    SQLException.class,
                    () -> s.execute("INSERT INTO namespace_role_mapping (id, namespace_id, entity, role)"
                            + " VALUES (2, 999, 'x/*', 'viewer')"));
            assertTrue(dangling.getSQLState().startsWith("23"), dangling.getSQLState());
            String next = database.equals("h2")
                    ? "SELECT NEXT VALUE FOR namespace_role_mapping_v2_seq"
                    : "SELECT nextval('namespace_role_mapping_v2_seq')";
            try (ResultSet rs = s.executeQuery(next)) {
                assertTrue(rs.next());
                assertEquals(1, rs.getLong(1));
            }
        }
    }

    /** The SQL filter of the lists must name exactly the namespaces the permission check allows. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void likePatternsNameExactlyTheNamespacesThePatternMatches(String database) throws Exception {
        open(database);
        for (String text : List.of(
                "team_a/*", "team*/*", "*/*", "t*m/*", "default/*", "a.b/*", "t$m/*", "team-*/*", "*a/*", "t/*")) {
            ArnPattern pattern = ArnPattern.parse(text);
            List<String> expected = NAMESPACES.stream()
                    .filter(name -> pattern.matches(name))
                    .sorted()
                    .toList();
            List<String> selected = new ArrayList<>();
            try (PreparedStatement ps =
                    connection.prepareStatement("SELECT name FROM namespace WHERE name LIKE ? ESCAPE '\\'")) {
                ps.setString(1, pattern.namespaceLike());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        selected.add(rs.getString(1));
                    }
                }
            }
            assertEquals(expected, selected.stream().sorted().toList(), text);
        }
    }
}
