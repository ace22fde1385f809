package io.terrarium.conda.testing;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.ChannelIndexer;
import io.terrarium.conda.pkg.IndexJson;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local conda channel directory built from {@link PackageFixture}s: archives in {@code <dir>/<subdir>/} and a
 * {@code repodata.json} per subdir written by the production {@link ChannelIndexer}. Example:
 * <pre>{@code
 * FixtureChannel channel = FixtureChannel.at(tmp.resolve("channel"))
 *     .add(PackageFixture.of("hello", "1.0").prefixScript("bin/hello"))
 *     .add(PackageFixture.of("lib", "2.0").binaryWithPrefix("lib/libx.so"), PackageFormat.TAR_BZ2)
 *     .index();
 * List<PackageRecord> records = channel.records();   // with url, channel, md5, sha256, size
 * }</pre>
 */
public final class FixtureChannel {
    private final Path dir;
    private final List<Path> archives = new ArrayList<>();

    private FixtureChannel(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** A channel in {@code dir} (created if needed; existing archives there stay and are indexed too). */
    public static FixtureChannel at(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new FixtureChannel(dir);
    }

    /** Adds a package as {@code .conda}. */
    public FixtureChannel add(PackageFixture pkg) throws IOException {
        return add(pkg, PackageFormat.CONDA);
    }

    /** Adds a package in each of the given formats. */
    public FixtureChannel add(PackageFixture pkg, PackageFormat... formats) throws IOException {
        for (PackageFormat f : formats) {
            archives.add(pkg.writeTo(dir.resolve(pkg.subdir()), f));
        }
        return this;
    }

    /** Copies an existing archive (e.g. from the shared test data) into {@code <subdir>/}. */
    public FixtureChannel addFile(Path archive, String subdir) throws IOException {
        Path target = dir.resolve(subdir).resolve(archive.getFileName().toString());
        Files.createDirectories(target.getParent());
        Files.copy(archive, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        archives.add(target);
        return this;
    }

    /** Writes every subdir's repodata.json (and an empty noarch one if absent). */
    public FixtureChannel index() throws IOException {
        ChannelIndexer.index(dir);
        return this;
    }

    public Path dir() {
        return dir;
    }

    /**
     * The channel directory {@code channelDir} (this class's or any other with {@code <subdir>/repodata.json}) loaded
     * offline for linux-64, with {@code cacheDir} as the repodata cache.
     */
    public static RepoIndex load(Path channelDir, Path cacheDir) {
        ChannelConfig config = ChannelConfig.defaults().withCacheDir(cacheDir).withOffline(true);
        return RepoIndex.load(List.of(Channel.parse(channelDir.toString(), config)), Platform.LINUX_64, config);
    }

    /** The channel as a {@code file://} URL without a trailing slash. */
    public String url() {
        String u = dir.toUri().toString();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** The archives added through this object. */
    public List<Path> archives() {
        return List.copyOf(archives);
    }

    /** The archive {@code <subdir>/<fn>}. */
    public Path archive(String subdir, String fn) {
        return dir.resolve(subdir).resolve(fn);
    }

    /**
     * Every record of the indexed repodata as the solver would return it: {@code url}, {@code channel} (this
     * channel's URL), {@code fn}, {@code md5}, {@code sha256}, {@code size}. Call after {@link #index()}.
     */
    public List<PackageRecord> records() throws IOException {
        List<PackageRecord> out = new ArrayList<>();
        try (var subdirs = Files.list(dir)) {
            for (Path sub : (Iterable<Path>) subdirs.sorted()::iterator) {
                Path repodata = sub.resolve("repodata.json");
                if (!Files.isRegularFile(repodata)) {
                    continue;
                }
                Map<String, Object> rd = Json.readObject(repodata);
                for (String key : List.of("packages", "packages.conda")) {
                    Object group = rd.get(key);
                    if (!(group instanceof Map)) {
                        continue;
                    }
                    for (Map.Entry<String, Object> e : Json.asObject(group).entrySet()) {
                        out.add(toRecord(sub.getFileName().toString(), e.getKey(), Json.asObject(e.getValue())));
                    }
                }
            }
        }
        return out;
    }

    /** The record of one archive by file name, e.g. {@code hello-1.0-0.conda}. */
    public PackageRecord record(String fn) throws IOException {
        for (PackageRecord r : records()) {
            if (r.fn().equals(fn)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no package " + fn + " in " + dir);
    }

    private PackageRecord toRecord(String subdir, String fn, Map<String, Object> rec) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>(rec);
        String md5 = (String) fields.remove("md5");
        String sha256 = (String) fields.remove("sha256");
        long size = ((Number) fields.remove("size")).longValue();
        return IndexJson.of(fields)
                .toRecordBuilder()
                .subdir(subdir)
                .fn(fn)
                .url(url() + "/" + subdir + "/" + fn)
                .channel(url())
                .md5(md5)
                .sha256(sha256)
                .size(size)
                .build();
    }
}
