package io.terrarium.conda.testing;

import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A repodata-only channel (no archives) that asks the solver to seat {@code holes + 1} pigeons in {@code holes}
 * holes: {@code pigeon-i} has one build per hole, build {@code j} depends on {@code hole-j ==i}, and a name has one
 * record installed, so no two pigeons share a hole. Requesting every pigeon is unsatisfiable, and proving it takes a
 * clause-learning solver time exponential in {@code holes}: the stand-in for a solve that outlasts its limit.
 */
public final class PigeonholeChannel {

    private PigeonholeChannel() {}

    /** Writes {@code noarch/} and the empty platform subdirs of the channel; returns the specs to request. */
    public static List<String> write(Path channelDir, int holes) throws IOException {
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
        writeSubdir(channelDir, "noarch", packages);
        for (String subdir : List.of("linux-64", "linux-aarch64", "osx-64", "osx-arm64", "win-64")) {
            writeSubdir(channelDir, subdir, Map.of());
        }
        return java.util.stream.IntStream.rangeClosed(1, holes + 1)
                .mapToObj(i -> "pigeon-" + i)
                .toList();
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

    private static void writeSubdir(Path channelDir, String subdir, Map<String, Object> packages) throws IOException {
        Path dir = channelDir.resolve(subdir);
        Files.createDirectories(dir);
        Map<String, Object> repodata = new LinkedHashMap<>();
        repodata.put("info", Map.of("subdir", subdir));
        repodata.put("packages", packages);
        repodata.put("packages.conda", Map.of());
        Json.writeFile(dir.resolve("repodata.json"), repodata);
    }
}
