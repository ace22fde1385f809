package io.terrarium.it;

import io.terrarium.conda.pkg.ChannelIndexer;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.pkg.PackageWriter;
import io.terrarium.conda.pkg.PathsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A local test channel made with the engine's own writer and indexer: a chain {@code fx-1 <- fx-2 <- ... <- fx-n}
 * of noarch packages, each with an executable {@code bin/fx-k} that prints its prefix, and {@code fx-top}
 * depending on {@code fx-n}. Linking {@code fx-top} installs n + 1 packages in a known order.
 */
public final class FixtureChannel {

    private FixtureChannel() {}

    static void build(Path channelDir, int n) throws IOException {
        Path noarch = channelDir.resolve("noarch");
        Files.createDirectories(noarch);
        Path work = Files.createTempDirectory("fixture-src");
        for (int k = 1; k <= n; k++) {
            writePackage(work, noarch, "fx-" + k, k == 1 ? null : "fx-" + (k - 1));
        }
        writePackage(work, noarch, "fx-top", "fx-" + n);
        ChannelIndexer.index(channelDir);
    }

    /**
     * Builds a channel holding one noarch package {@code name} whose post-link script is {@code postLink} (a bash
     * script, run by the server when a build links the package).
     */
    public static void buildWithPostLink(Path channelDir, String name, String postLink) throws IOException {
        Path noarch = channelDir.resolve("noarch");
        Files.createDirectories(noarch);
        Path work = Files.createTempDirectory("fixture-src");
        Path script = work.resolve(name).resolve("bin").resolve("." + name + "-post-link.sh");
        Files.createDirectories(script.getParent());
        Files.writeString(script, postLink);
        writePackage(work, noarch, name, null);
        ChannelIndexer.index(channelDir);
    }

    private static void writePackage(Path work, Path out, String name, String dependency) throws IOException {
        Path src = work.resolve(name);
        Path bin = src.resolve("bin").resolve(name);
        Files.createDirectories(bin.getParent());
        Files.writeString(bin, "#!/bin/sh\necho \"" + name + " in " + PathsJson.LEGACY_PLACEHOLDER + "\"\n");
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path info = src.resolve("info");
        Files.createDirectories(info);
        Files.writeString(
                info.resolve("index.json"),
                "{\"name\": \"" + name + "\", \"version\": \"1.0\", \"build\": \"0\","
                        + " \"build_number\": 0, \"depends\": [" + (dependency == null ? "" : "\"" + dependency + "\"")
                        + "],"
                        + " \"noarch\": \"generic\", \"subdir\": \"noarch\", \"license\": \"MIT\", \"timestamp\": 1767225600000}");
        PathsJson.of(PackageWriter.scanPayload(src, PathsJson.LEGACY_PLACEHOLDER)
                        .paths())
                .write(info.resolve("paths.json"));
        new PackageWriter().zstdLevel(1).write(src, out, PackageFormat.CONDA);
    }
}
