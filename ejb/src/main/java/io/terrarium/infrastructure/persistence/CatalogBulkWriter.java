package io.terrarium.infrastructure.persistence;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.types.PackageRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes batches of repodata records into the package catalog ({@code conda_package}, {@code conda_package_build})
 * with JDBC batch inserts on one connection, adding only the packages and package builds not there yet.
 *
 * <p>Ids come from the same sequences the JPA entities use, taken a block at a time the way EclipseLink takes them
 * ({@code nextval} = the last id of a block of {@link #ALLOCATION}), so rows written here and rows the build pipeline
 * persists never collide. The caller owns the connection and its transaction (one commit per batch).
 */
public final class CatalogBulkWriter {

    /** The {@code allocationSize} of the package and package build sequences in the entities. */
    static final int ALLOCATION = 20;

    private final Connection connection;
    private final boolean postgres;
    private final IdBlock packageIds;
    private final IdBlock packageBuildIds;

    public CatalogBulkWriter(Connection connection) throws SQLException {
        this.connection = connection;
        this.postgres = connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres");
        this.packageIds = new IdBlock("conda_package_seq");
        this.packageBuildIds = new IdBlock("conda_package_build_seq");
    }

    /** @return true on PostgreSQL, where a cluster of workers shares the database */
    public boolean postgres() {
        return postgres;
    }

    /** @return the id of the channel with this (canonical URL) name, created when missing */
    public long channel(String name) throws SQLException {
        Long id = channelId(name);
        if (id != null) {
            return id;
        }
        long next = nextValue("conda_channel_seq");
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO conda_channel (id, name) VALUES (?, ?)")) {
            ps.setLong(1, next);
            ps.setString(2, name);
            ps.executeUpdate();
        }
        return next;
    }

    private Long channelId(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM conda_channel WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Records the time the channel was last indexed, which {@code GET /api/v1/channel/} shows. */
    public void touch(long channelId, LocalDateTime when) throws SQLException {
        try (PreparedStatement ps =
                connection.prepareStatement("UPDATE conda_channel SET last_update = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.valueOf(when));
            ps.setLong(2, channelId);
            ps.executeUpdate();
        }
    }

    /**
     * Adds the packages and package builds of {@code records} (one subdir of one channel) that the catalog lacks.
     *
     * @return how many package builds were added
     */
    public int write(long channelId, List<PackageRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return 0;
        }
        Map<String, Long> packages = packageIds(channelId, records);
        insertMissingPackages(channelId, records, packages);
        return insertMissingBuilds(channelId, records, packages);
    }

    /** The ids of the known packages named in the batch, by {@code name + "\n" + version}. */
    private Map<String, Long> packageIds(long channelId, List<PackageRecord> records) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (PackageRecord r : records) {
            names.add(r.name());
        }
        Map<String, Long> ids = new HashMap<>();
        String sql = "SELECT id, name, version FROM conda_package WHERE channel_id = ? AND name IN ("
                + placeholders(names.size()) + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, channelId);
            int i = 2;
            for (String n : names) {
                ps.setString(i++, n);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(packageKey(rs.getString(2), rs.getString(3)), rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private void insertMissingPackages(long channelId, List<PackageRecord> records, Map<String, Long> packages)
            throws SQLException {
        String sql = "INSERT INTO conda_package (id, channel_id, name, version, license, license_family, summary)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        int added = 0;
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (PackageRecord r : records) {
                String key = packageKey(r.name(), r.versionText());
                if (packages.containsKey(key)) {
                    continue;
                }
                long id = packageIds.next();
                packages.put(key, id);
                ps.setLong(1, id);
                ps.setLong(2, channelId);
                ps.setString(3, r.name());
                ps.setString(4, r.versionText());
                ps.setString(5, r.license());
                ps.setString(6, r.extra().get("license_family") instanceof String f ? truncate(f, 64) : null);
                ps.setString(7, r.extra().get("summary") instanceof String s ? s : null);
                ps.addBatch();
                added++;
            }
            if (added > 0) {
                ps.executeBatch();
            }
        }
    }

    private int insertMissingBuilds(long channelId, List<PackageRecord> records, Map<String, Long> packages)
            throws SQLException {
        Set<Long> packageIdsInBatch = new LinkedHashSet<>();
        for (PackageRecord r : records) {
            packageIdsInBatch.add(packages.get(packageKey(r.name(), r.versionText())));
        }
        Set<List<Object>> known = new HashSet<>();
        String query = "SELECT package_id, subdir, build, build_number, sha256 FROM conda_package_build"
                + " WHERE channel_id = ? AND package_id IN (" + placeholders(packageIdsInBatch.size()) + ")";
        try (PreparedStatement ps = connection.prepareStatement(query)) {
            ps.setLong(1, channelId);
            int i = 2;
            for (Long id : packageIdsInBatch) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    known.add(
                            buildKey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5)));
                }
            }
        }
        String insert = "INSERT INTO conda_package_build (id, package_id, channel_id, build, build_number,"
                + " depends_json, constrains_json, md5, sha256, archive_size, subdir, build_timestamp)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        int added = 0;
        try (PreparedStatement ps = connection.prepareStatement(insert)) {
            for (PackageRecord r : records) {
                long packageId = packages.get(packageKey(r.name(), r.versionText()));
                // a .tar.bz2 and its .conda twin are one build to the catalog; so is a record listed twice
                if (!known.add(buildKey(packageId, r.subdir(), r.build(), r.buildNumber(), r.sha256()))) {
                    continue;
                }
                ps.setLong(1, packageBuildIds.next());
                ps.setLong(2, packageId);
                ps.setLong(3, channelId);
                ps.setString(4, r.build());
                ps.setLong(5, r.buildNumber());
                ps.setString(6, Json.write(r.depends()));
                ps.setString(7, Json.write(r.constrains()));
                ps.setString(8, r.md5());
                ps.setString(9, r.sha256());
                ps.setLong(10, Math.max(r.size(), 0));
                ps.setString(11, r.subdir());
                ps.setLong(12, r.timestamp());
                ps.addBatch();
                added++;
            }
            if (added > 0) {
                ps.executeBatch();
            }
        }
        return added;
    }

    private long nextValue(String sequence) throws SQLException {
        String sql = postgres ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence;
        try (PreparedStatement ps = connection.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String packageKey(String name, String version) {
        return name + "\n" + version;
    }

    private static List<Object> buildKey(long packageId, String subdir, String build, long number, String sha256) {
        List<Object> key = new ArrayList<>(5);
        key.add(packageId);
        key.add(subdir);
        key.add(build);
        key.add(number);
        key.add(sha256);
        return key;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** Hands out the ids of one sequence block after block, as EclipseLink does with its preallocation. */
    private final class IdBlock {
        private final String sequence;
        private long next;
        private long last = -1;

        IdBlock(String sequence) {
            this.sequence = Objects.requireNonNull(sequence);
        }

        long next() throws SQLException {
            if (next > last) {
                last = nextValue(sequence);
                next = last - ALLOCATION + 1;
            }
            return next++;
        }
    }
}
