package io.terrarium.interfaces.rest;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.ChannelIndexer;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.pkg.PackageWriter;
import io.terrarium.conda.pkg.PathsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Local channels for the build-settings tests, written where the server (on this machine) reads them as
 * {@code file://} URLs: real noarch packages made with the engine's writer and indexer, and a repodata-only
 * pigeonhole problem whose solve outlasts any small time limit.
 */
final class SettingsChannels {

    private SettingsChannels() {}

    /**
     * A channel with {@code name-1.0-0}, a noarch package holding {@code share/<name>.txt}, depending on
     * {@code depends} (may be null).
     */
    static Path withPackage(Path channelDir, String name, String depends) throws IOException {
        Path noarch = channelDir.resolve("noarch");
        Files.createDirectories(noarch);
        Path src = Files.createTempDirectory("settings-src").resolve(name);
        Files.createDirectories(src.resolve("share"));
        Files.writeString(src.resolve("share").resolve(name + ".txt"), name + "\n");
        Path info = src.resolve("info");
        Files.createDirectories(info);
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("name", name);
        index.put("version", "1.0");
        index.put("build", "0");
        index.put("build_number", 0);
        index.put("depends", depends == null ? List.of() : List.of(depends));
        index.put("noarch", "generic");
        index.put("subdir", "noarch");
        index.put("license", "MIT");
        index.put("timestamp", 1767225600000L);
        Json.writeFile(info.resolve("index.json"), index);
        PathsJson.of(PackageWriter.scanPayload(src, PathsJson.LEGACY_PLACEHOLDER)
                        .paths())
                .write(info.resolve("paths.json"));
        new PackageWriter().zstdLevel(1).write(src, noarch, PackageFormat.CONDA);
        ChannelIndexer.index(channelDir);
        return channelDir;
    }

    /**
     * {@code holes + 1} pigeons for {@code holes} holes ({@code pigeon-i} build {@code j} needs {@code hole-j ==i}):
     * unsatisfiable, and exponentially slow to prove so. Returns the specs to request.
     */
    static List<String> pigeonholes(Path channelDir, int holes) throws IOException {
        Map<String, Object> packages = new LinkedHashMap<>();
        for (int i = 1; i <= holes + 1; i++) {
            for (int j = 1; j <= holes; j++) {
                packages.put(
                        "pigeon-" + i + "-1.0-h" + j + "_0.tar.bz2",
                        record("pigeon-" + i, "1.0", "h" + j + "_0", List.of("hole-" + j + " ==" + i)));
            }
        }
        for (int j = 1; j <= holes; j++) {
            for (int i = 1; i <= holes + 1; i++) {
                packages.put(
                        "hole-" + j + "-" + i + "-0.tar.bz2", record("hole-" + j, String.valueOf(i), "0", List.of()));
            }
        }
        repodata(channelDir, "noarch", packages);
        for (String subdir : List.of("linux-64", "linux-aarch64", "osx-64", "osx-arm64", "win-64")) {
            repodata(channelDir, subdir, Map.of());
        }
        List<String> specs = new ArrayList<>();
        for (int i = 1; i <= holes + 1; i++) {
            specs.add("pigeon-" + i);
        }
        return specs;
    }

    private static Map<String, Object> record(String name, String version, String build, List<String> depends) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("version", version);
        r.put("build", build);
        r.put("build_number", 0);
        r.put("depends", depends);
        r.put("noarch", "generic");
        r.put("subdir", "noarch");
        r.put("md5", "d41d8cd98f00b204e9800998ecf8427e");
        r.put("size", 0);
        return r;
    }

    private static void repodata(Path channelDir, String subdir, Map<String, Object> packages) throws IOException {
        Path dir = channelDir.resolve(subdir);
        Files.createDirectories(dir);
        Json.writeFile(
                dir.resolve("repodata.json"),
                Map.of("info", Map.of("subdir", subdir), "packages", packages, "packages.conda", Map.of()));
    }

    static String url(Path channelDir) {
        return channelDir.toUri().toString().replaceAll("/$", "");
    }
}
