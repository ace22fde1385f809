package io.terrarium.conda.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Turns conda's test {@code index*.json} files into real channel directories and loads them, as conda's test
 * helpers ({@code _get_index_r_base}) do.
 *
 * <p>An index file maps {@code <fn>.tar.bz2} to a record. Records with {@code noarch} set or subdir {@code noarch}
 * go to {@code noarch/}, the rest to the target subdir ({@code linux-64} unless asked otherwise); legacy
 * {@code features} stay as they are (conda's own SolverTests write both keys). The
 * channels live under a per-JVM temporary directory used as the channel alias, so {@code channel-1} keeps its conda
 * name while its URL is {@code file:///tmp/.../channel-1}. Test data comes from the system property
 * {@code terrarium.testdata}.
 */
public final class CondaTestIndex {
    /** conda's helpers: channel name to index file under {@code <testdata>/conda/}. */
    private static final Map<String, String> INDEX_FILES = Map.of(
            "channel-1", "index.json",
            "channel-2", "index2.json",
            "channel-4", "index4.json",
            "channel-5", "index5.json",
            "channel-freeze", "channel-freeze-index.json");

    private static final Map<String, Path> WRITTEN = new ConcurrentHashMap<>();
    private static final Map<List<Object>, RepoIndex> LOADED = new ConcurrentHashMap<>();
    private static volatile Path root;

    private CondaTestIndex() {}

    /** The conda test data directory ({@code terrarium.testdata} system property). */
    public static Path testData() {
        String dir = System.getProperty("terrarium.testdata");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property terrarium.testdata is not set (surefire sets it to "
                    + "../shared/conda-testdata)");
        }
        return Path.of(dir);
    }

    /** Names of the channels this helper knows: channel-1, channel-2, channel-4, channel-5, channel-freeze. */
    public static List<String> channelNames() {
        return INDEX_FILES.keySet().stream().sorted().toList();
    }

    /**
     * Writes {@code <targetDir>/<channelName>/{linux-64,noarch}/repodata.json} from a conda test index file.
     *
     * @param indexFileName file under {@code <testdata>/conda/}, e.g. {@code index.json}
     * @return the channel directory
     */
    public static Path writeChannel(String indexFileName, String channelName, Path targetDir) {
        return writeChannel(indexFileName, channelName, targetDir, Platform.LINUX_64);
    }

    /** As {@link #writeChannel(String, String, Path)}, putting the non-noarch records into {@code subdir}. */
    public static Path writeChannel(String indexFileName, String channelName, Path targetDir, Platform subdir) {
        Path source = testData().resolve("conda").resolve(indexFileName);
        Map<String, Object> all = readObject(source);
        Map<String, Object> arch = new LinkedHashMap<>();
        Map<String, Object> noarch = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> rec = new LinkedHashMap<>((Map<String, Object>) e.getValue());
            Object na = rec.get("noarch");
            boolean isNoarch =
                    "noarch".equals(rec.get("subdir")) || (na != null && !Boolean.FALSE.equals(na) && !"".equals(na));
            (isNoarch ? noarch : arch).put(e.getKey(), rec);
        }
        Path channelDir = targetDir.resolve(channelName);
        writeRepodata(channelDir.resolve(subdir.subdir()), subdir.subdir(), arch);
        writeRepodata(channelDir.resolve("noarch"), "noarch", noarch);
        return channelDir;
    }

    /** The channels, loaded for {@code linux-64} (+ noarch) in the given priority order; cached per JVM. */
    public static RepoIndex index(String... channelNames) {
        return index(Platform.LINUX_64, channelNames);
    }

    /** The channels loaded for {@code platform} (+ noarch), in the given priority order; cached per JVM. */
    public static RepoIndex index(Platform platform, String... channelNames) {
        List<Object> key = new ArrayList<>();
        key.add(platform);
        key.addAll(Arrays.asList(channelNames));
        return LOADED.computeIfAbsent(key, k -> {
            List<Channel> channels = new ArrayList<>();
            for (String name : channelNames) {
                channels.add(channel(name, platform));
            }
            return RepoIndex.load(channels, platform, config());
        });
    }

    /** The channel named {@code channelName} (written on first use) for linux-64. */
    public static Channel channel(String channelName) {
        return channel(channelName, Platform.LINUX_64);
    }

    /** The channel named {@code channelName}, written on first use with its records in {@code platform}. */
    public static Channel channel(String channelName, Platform platform) {
        String file = INDEX_FILES.get(channelName);
        if (file == null) {
            throw new IllegalArgumentException("unknown test channel '" + channelName + "'; known: " + channelNames());
        }
        // one alias directory per platform, so linux-64 and win-64 layouts of one channel do not mix
        Path dir = root().resolve(platform.subdir());
        WRITTEN.computeIfAbsent(
                platform.subdir() + "/" + channelName, k -> writeChannel(file, channelName, dir, platform));
        return Channel.parse(channelName, config(platform));
    }

    /** Configuration whose channel alias is the directory holding the linux-64 test channels. */
    public static ChannelConfig config() {
        return config(Platform.LINUX_64);
    }

    /** Configuration whose channel alias is the directory holding the test channels written for {@code platform}. */
    public static ChannelConfig config(Platform platform) {
        Path dir = root().resolve(platform.subdir());
        return ChannelConfig.defaults()
                .withChannelAlias(dir.toUri().toString())
                .withCacheDir(root().resolve("cache"))
                .withOffline(true);
    }

    private static Path root() {
        Path r = root;
        if (r == null) {
            synchronized (CondaTestIndex.class) {
                r = root;
                if (r == null) {
                    try {
                        r = Files.createTempDirectory("terrarium-test-channels");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    Path toDelete = r;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(toDelete)));
                    root = r;
                }
            }
        }
        return r;
    }

    private static void writeRepodata(Path subdirDir, String subdir, Map<String, Object> packages) {
        try {
            Files.createDirectories(subdirDir);
            Path tmp = Files.createTempFile(subdirDir, "repodata", ".part");
            try (OutputStream out = Files.newOutputStream(tmp);
                    JsonGenerator g = Json.factory().createGenerator(out)) {
                g.writeStartObject();
                g.writeObjectFieldStart("info");
                g.writeStringField("subdir", subdir);
                g.writeEndObject();
                g.writeFieldName("packages");
                Json.writeValue(g, packages);
                g.writeFieldName("packages.conda");
                g.writeStartObject();
                g.writeEndObject();
                g.writeNumberField("repodata_version", 1);
                g.writeEndObject();
            }
            Files.move(
                    tmp,
                    subdirDir.resolve("repodata.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> readObject(Path file) {
        try {
            return Json.readObject(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
