package io.terrarium.conda.repodata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.terrarium.conda.types.Dist;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Streams one {@code repodata.json} (versions 1 to 3) into records grouped by name, without building a JSON tree.
 *
 * <p>Follows conda's {@code _process_raw_repodata}: record URLs are {@code info.base_url} (CEP 15, absolute or relative
 * to the repodata URL) or the subdir URL, joined with the file name; every record gets the repodata's subdir and the
 * channel URL; a {@code .conda} record replaces its {@code .tar.bz2} twin; files listed in {@code removed} and records
 * with {@code record_version > 1} are dropped. {@code track_features}/{@code features} become lists whether written as
 * a space/comma separated string or a JSON list; {@code timestamp} in seconds becomes milliseconds; legacy
 * {@code noarch: true} becomes {@code generic}. Repeated strings and lists are shared through an {@link InternPool}.
 *
 * <p>{@link #parse} reads every record; {@link #scan} (what {@link RepoIndex#load} uses) only locates them, with
 * {@link RepodataScanner}, and parses a name's records here on demand, by the same rules.
 */
public final class RepodataParser {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            // field names stay canonicalised (the ~15 record keys then cost no allocation; Jackson caps the symbol
            // table, so 10^5 unique file-name keys do not pile up) but are not String.intern-ed into the JVM's table
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE) // the caller owns the stream
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();
    private static final long SECONDS_LIMIT = 100_000_000_000L;
    static final String CONDA_EXT = ".conda";
    static final String TAR_BZ2_EXT = ".tar.bz2";

    private final String channelUrl;
    private final String repodataUrl;
    private final String expectedSubdir;
    private final String displayName;
    private final InternPool pool = new InternPool();
    private final List<String> scratch = new ArrayList<>(16);
    private final Map<String, Object> scratchExtra = new HashMap<>(8);

    private JsonParser p;
    private String infoSubdir;
    private String baseUrl;
    private String recordUrlBase;
    private boolean infoSeen;
    private boolean recordsBeforeInfo;
    private final Map<String, List<PackageRecord>> byName = new HashMap<>(1024);
    private final Set<String> namesWithConda = new HashSet<>();
    private final Set<String> namesWithTarBz2 = new HashSet<>();
    private List<String> removed = List.of();
    private int count;
    private byte[] recordBytes = new byte[4096];

    private RepodataParser(String channelUrl, String repodataUrl, String expectedSubdir, String displayName) {
        this.channelUrl = Objects.requireNonNull(channelUrl, "channelUrl");
        this.repodataUrl = Objects.requireNonNull(repodataUrl, "repodataUrl");
        this.expectedSubdir = expectedSubdir;
        this.displayName = displayName == null ? repodataUrl : displayName;
    }

    /**
     * Parses a repodata document.
     *
     * @param in             the JSON (not closed by this method); empty input means {@code {}}
     * @param channelUrl     canonical channel URL stored in each record's {@code channel}
     * @param repodataUrl    URL the document was read from (e.g. {@code .../linux-64/repodata.json}); relative
     *                       {@code base_url}s resolve against it and its directory is the default download base
     * @param expectedSubdir the subdir this document belongs to (its directory); {@code null} to take
     *                       {@code info.subdir}, else each record's own {@code subdir}
     * @param displayName    how errors name the source (a path or URL)
     * @throws RepodataException for malformed JSON or invalid records, naming the source, line and column
     */
    public static SubdirRepodata parse(
            InputStream in, String channelUrl, String repodataUrl, String expectedSubdir, String displayName) {
        return parse(f -> f.createParser(in), channelUrl, repodataUrl, expectedSubdir, displayName);
    }

    /** {@link #parse(InputStream, String, String, String, String)} of a CEP 16 shard, read as its JSON document. */
    static SubdirRepodata parse(
            MsgpackShard shard, String channelUrl, String repodataUrl, String expectedSubdir, String displayName) {
        return parse(f -> shard, channelUrl, repodataUrl, expectedSubdir, displayName);
    }

    /** Opens the JSON parser of a document. */
    @FunctionalInterface
    private interface Source {
        JsonParser open(JsonFactory factory) throws IOException;
    }

    private static SubdirRepodata parse(
            Source source, String channelUrl, String repodataUrl, String expectedSubdir, String displayName) {
        RepodataParser parser = new RepodataParser(channelUrl, repodataUrl, expectedSubdir, displayName);
        try (JsonParser jp = source.open(FACTORY)) {
            parser.p = jp;
            return parser.parseDocument();
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new RepodataException(
                    "malformed repodata " + parser.displayName + where(loc) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RepodataException("cannot read repodata " + parser.displayName + ": " + e.getMessage(), e);
        }
    }

    /**
     * Scans a repodata document held in {@code data} (a heap or memory-mapped buffer) without parsing its records:
     * each record's byte range is indexed under its package name, and a name's records are parsed on first request
     * with the same rules as {@link #parse}. Malformed JSON anywhere fails here; a record whose fields have wrong
     * types fails when its name is first requested.
     *
     * @throws RepodataException for malformed JSON, naming the source, line and column
     */
    static LazySubdir scan(
            ByteBuffer data, String channelUrl, String repodataUrl, String expectedSubdir, String displayName) {
        RepodataParser parser = new RepodataParser(channelUrl, repodataUrl, expectedSubdir, displayName);
        Map<String, LazySubdir.Group> groups = new HashMap<>(1024);
        parser.recordUrlBase = directoryOf(repodataUrl);
        new RepodataScanner(data, parser.displayName, parser).scan(new RepodataScanner.Sink() {
            @Override
            public void section(String key, int start, int end) {
                parser.parseSection(data, key, start, end);
            }

            @Override
            public void record(String fn, String name, long recordVersion, int start, int end) {
                if (recordVersion > 1) {
                    return;
                } // as parseRecord: a format newer than we understand
                if (name == null) {
                    Optional<Dist> dist = Dist.ofFileName(fn);
                    if (dist.isEmpty()) {
                        throw new RepodataException("invalid record '" + fn + "' in " + parser.displayName
                                + " at byte " + start
                                + ": missing name, version or build and the file name is not name-version-build");
                    }
                    name = dist.get().name();
                }
                groups.computeIfAbsent(parser.pool.string(name), n -> new LazySubdir.Group())
                        .add(fn, start, end);
            }
        });
        LazySubdir.dropRemovedAndTwins(groups, parser.removed);
        int size = 0;
        for (LazySubdir.Group g : groups.values()) {
            size += g.size();
        }
        String subdir = expectedSubdir != null ? expectedSubdir : parser.infoSubdir != null ? parser.infoSubdir : "";
        return new LazySubdir(channelUrl, subdir, data, parser, groups, size);
    }

    /** Lazy scan: parses the {@code info} or {@code removed} value found in {@code data[start, end)}. */
    private void parseSection(ByteBuffer data, String key, int start, int end) {
        try (JsonParser jp = FACTORY.createParser(copy(data, start, end), 0, end - start)) {
            p = jp;
            JsonToken t = jp.nextToken();
            if (key.equals("info")) {
                parseInfo(t);
            } else {
                removed = stringArray(t, key);
            }
        } catch (RepodataException e) {
            throw new RepodataException(
                    e.getMessage() + " (line and column within '" + key + "', which starts at byte " + start + ")", e);
        } catch (IOException e) {
            throw new RepodataException(
                    "malformed repodata " + displayName + " in '" + key + "': " + e.getMessage(), e);
        } finally {
            p = null;
        }
    }

    /** Decodes the JSON string literal (with quotes) in {@code data[start, end)}: the scanner's rare escaped keys. */
    String decodeJsonString(ByteBuffer data, int start, int end) {
        byte[] bytes = new byte[end - start];
        data.get(start, bytes, 0, bytes.length);
        try (JsonParser jp = FACTORY.createParser(bytes)) {
            jp.nextToken();
            return jp.getText();
        } catch (IOException e) {
            throw new RepodataException(
                    "malformed repodata " + displayName + ": bad string at byte " + start + ": " + e.getMessage(), e);
        }
    }

    private byte[] copy(ByteBuffer data, int start, int end) {
        int len = end - start;
        if (recordBytes.length < len) {
            recordBytes = new byte[Math.max(len, recordBytes.length * 2)];
        }
        data.get(start, recordBytes, 0, len);
        return recordBytes;
    }

    /**
     * Parses the record {@code fn} stored in {@code data[start, end)} (located by {@link #scan}). Not thread-safe:
     * the caller serialises calls on one parser.
     */
    PackageRecord parseRecordAt(ByteBuffer data, String fn, int start, int end) {
        try (JsonParser jp = FACTORY.createParser(copy(data, start, end), 0, end - start)) {
            p = jp;
            if (jp.nextToken() != JsonToken.START_OBJECT) {
                throw error("record '" + fn + "' must be an object");
            }
            PackageRecord r = parseRecord(fn);
            if (r == null) {
                throw new IllegalStateException("record '" + fn + "' was kept by the scan but is dropped");
            }
            return r;
        } catch (RepodataException e) {
            throw new RepodataException(
                    e.getMessage() + " (line and column within record '" + fn + "', which starts" + " at byte " + start
                            + ")",
                    e);
        } catch (JsonProcessingException e) {
            throw new RepodataException(
                    "malformed repodata " + displayName + " in record '" + fn + "' (byte " + start + "): "
                            + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new RepodataException("cannot read repodata " + displayName + ": " + e.getMessage(), e);
        } finally {
            p = null;
        }
    }

    /** Parses a repodata file of a local channel directory laid out as {@code <channel>/<subdir>/repodata.json}. */
    public static SubdirRepodata parseFile(Path file, String channelUrl, String expectedSubdir) {
        Path abs = file.toAbsolutePath().normalize();
        try (InputStream in = Files.newInputStream(abs)) {
            return parse(in, channelUrl, abs.toUri().toString(), expectedSubdir, abs.toString());
        } catch (IOException e) {
            throw new RepodataException("cannot read repodata " + abs + ": " + e.getMessage(), e);
        }
    }

    private SubdirRepodata parseDocument() throws IOException {
        recordUrlBase = directoryOf(repodataUrl);
        JsonToken t = p.nextToken();
        if (t == null) {
            return finish();
        }
        if (t != JsonToken.START_OBJECT) {
            throw error("expected a JSON object at the top level, found " + describe(t));
        }
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            t = p.nextToken();
            switch (key) {
                case "info" -> parseInfo(t);
                case "packages", "packages.conda" -> parsePackages(t, key);
                case "removed" -> removed = stringArray(t, key);
                default -> p.skipChildren(); // repodata_version, signatures, v3, ... : nothing we need
            }
        }
        if (p.nextToken() != null) {
            throw error("unexpected content after the top-level object");
        }
        return finish();
    }

    private void parseInfo(JsonToken t) throws IOException {
        infoSeen = true;
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw error("'info' must be an object, found " + describe(t));
        }
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            t = p.nextToken();
            switch (key) {
                case "subdir" -> infoSubdir = pool.string(scalar(t, "info.subdir"));
                case "base_url" -> baseUrl = scalar(t, "info.base_url");
                default -> p.skipChildren();
            }
        }
        if (baseUrl != null && !baseUrl.isBlank()) {
            recordUrlBase = resolveBaseUrl(baseUrl);
        }
    }

    private String resolveBaseUrl(String base) throws IOException {
        String b = base.endsWith("/") ? base : base + "/";
        try {
            URI uri = new URI(b);
            if (uri.getUserInfo() != null) {
                throw error("info.base_url must not carry credentials");
            }
            if (uri.isAbsolute()) {
                return b;
            }
            String resolved = new URI(repodataUrl).resolve(uri).toString();
            // URI.resolve drops the empty authority of file:///x, giving file:/x; keep the canonical form
            if (resolved.startsWith("file:/") && !resolved.startsWith("file://")) {
                resolved = "file://" + resolved.substring("file:".length());
            }
            return resolved;
        } catch (URISyntaxException e) {
            throw error("info.base_url is not a valid URL: '" + base + "'");
        }
    }

    private void parsePackages(JsonToken t, String section) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        if (t != JsonToken.START_OBJECT) {
            throw error("'" + section + "' must be an object, found " + describe(t));
        }
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String fn = p.currentName();
            t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw error("record '" + fn + "' must be an object, found " + describe(t));
            }
            PackageRecord r = parseRecord(fn);
            if (r == null) {
                continue;
            }
            if (!infoSeen) {
                recordsBeforeInfo = true;
            }
            byName.computeIfAbsent(r.name(), n -> new ArrayList<>(4)).add(r);
            count++;
            if (fn.endsWith(CONDA_EXT)) {
                namesWithConda.add(r.name());
            } else if (fn.endsWith(TAR_BZ2_EXT)) {
                namesWithTarBz2.add(r.name());
            }
        }
    }

    private PackageRecord parseRecord(String fn) throws IOException {
        JsonLocation start = p.currentTokenLocation();
        String name = null, version = null, build = null, buildString = null, noarch = null, ownSubdir = null;
        String md5 = null, sha256 = null, license = null;
        long buildNumber = 0, timestamp = 0, size = -1, recordVersion = 0;
        List<String> depends = List.of(), constrains = List.of(), trackFeatures = List.of(), features = List.of();
        Map<String, Object> extra = scratchExtra;
        extra.clear();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            t = p.nextToken();
            switch (key) {
                case "name" -> name = pooled(t, "name");
                case "version" -> version = pooled(t, "version");
                case "build" -> build = pooled(t, "build");
                case "build_string" -> buildString = pooled(t, "build_string");
                case "build_number" -> buildNumber = number(t, "build_number", 0);
                case "depends" -> depends = specList(t, "depends");
                case "constrains" -> constrains = specList(t, "constrains");
                case "track_features" -> trackFeatures = featureList(t, "track_features");
                case "features" -> features = featureList(t, "features");
                case "timestamp" -> timestamp = number(t, "timestamp", 0);
                case "noarch" -> noarch = noarch(t);
                case "subdir" -> ownSubdir = pooled(t, "subdir");
                case "md5" -> md5 = scalar(t, "md5");
                case "sha256" -> sha256 = scalar(t, "sha256");
                case "size" -> size = number(t, "size", -1);
                case "license" -> license = pooled(t, "license");
                case "record_version" -> recordVersion = number(t, "record_version", 0);
                case "license_family", "platform", "arch", "python_site_packages_path" -> {
                    String v = pooled(t, key);
                    if (v != null) {
                        extra.put(key, v);
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (recordVersion > 1) {
            return null;
        } // conda skips records in a format newer than it understands
        if (build == null) {
            build = buildString;
        }
        if (name == null || version == null || build == null) {
            Optional<Dist> dist = Dist.ofFileName(fn);
            if (dist.isEmpty()) {
                throw new RepodataException("invalid record '" + fn + "' in " + displayName + where(start)
                        + ": missing name, version or build and the file name is not name-version-build");
            }
            if (name == null) {
                name = dist.get().name();
            }
            if (version == null) {
                version = dist.get().version();
            }
            if (build == null) {
                build = dist.get().build();
            }
        }
        if (timestamp > 0 && timestamp < SECONDS_LIMIT) {
            timestamp *= 1000;
        }
        String subdir = expectedSubdir != null ? expectedSubdir : infoSubdir != null ? infoSubdir : ownSubdir;
        return PackageRecord.builder(pool.string(name), pool.string(version))
                .build(pool.string(build))
                .buildNumber(buildNumber)
                .depends(depends)
                .constrains(constrains)
                .trackFeatures(trackFeatures)
                .features(features)
                .timestamp(timestamp)
                .noarch(noarch)
                .subdir(pool.string(subdir))
                .fn(fn)
                .url(recordUrlBase + fn)
                .channel(channelUrl)
                .md5(md5)
                .sha256(sha256)
                .size(size)
                .license(pool.string(license))
                .extra(pool.map(extra))
                .build();
    }

    private SubdirRepodata finish() {
        if (recordsBeforeInfo && (baseUrl != null || (expectedSubdir == null && infoSubdir != null))) {
            rebaseRecords();
        }
        dropRemoved();
        dropTarBz2Twins();
        String subdir = expectedSubdir != null ? expectedSubdir : infoSubdir != null ? infoSubdir : "";
        for (Map.Entry<String, List<PackageRecord>> e : byName.entrySet()) {
            e.setValue(Collections.unmodifiableList(e.getValue()));
        }
        return new SubdirRepodata(channelUrl, subdir, Collections.unmodifiableMap(byName), count);
    }

    /** {@code info} came after the records (unusual key order): redo URL and subdir now that it is known. */
    private void rebaseRecords() {
        for (List<PackageRecord> list : byName.values()) {
            for (int i = 0; i < list.size(); i++) {
                PackageRecord r = list.get(i);
                PackageRecord.Builder b = r.toBuilder().url(recordUrlBase + r.fn());
                if (expectedSubdir == null && infoSubdir != null) {
                    b.subdir(infoSubdir);
                }
                list.set(i, b.build());
            }
        }
    }

    private void dropRemoved() {
        if (removed.isEmpty()) {
            return;
        }
        Set<String> gone = new HashSet<>(removed);
        for (String name : namesOf(removed)) {
            List<PackageRecord> list = byName.get(name);
            if (list == null) {
                continue;
            }
            int before = list.size();
            list.removeIf(r -> gone.contains(r.fn()));
            count -= before - list.size();
            if (list.isEmpty()) {
                byName.remove(name);
            }
        }
    }

    /** The package names of {@code fns} (each once), skipping file names that are not name-version-build. */
    static Set<String> namesOf(List<String> fns) {
        Set<String> names = new HashSet<>();
        for (String fn : fns) {
            Dist.ofFileName(fn).ifPresent(dist -> names.add(dist.name()));
        }
        return names;
    }

    /** conda keeps only the {@code .conda} file when both archive formats of one build are listed. */
    private void dropTarBz2Twins() {
        for (String name : namesWithConda) {
            if (!namesWithTarBz2.contains(name)) {
                continue;
            }
            List<PackageRecord> list = byName.get(name);
            if (list == null) {
                continue;
            }
            Set<String> condaStems = new HashSet<>();
            for (PackageRecord r : list) {
                if (r.fn().endsWith(CONDA_EXT)) {
                    condaStems.add(Dist.stem(r.fn()));
                }
            }
            int before = list.size();
            list.removeIf(r -> r.fn().endsWith(TAR_BZ2_EXT) && condaStems.contains(Dist.stem(r.fn())));
            count -= before - list.size();
        }
    }

    private String scalar(JsonToken t, String field) throws IOException {
        return switch (t) {
            case VALUE_NULL -> null;
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getText();
            default -> throw error("'" + field + "' must be a string, found " + describe(t));
        };
    }

    /** A string value through the pool, read from the parser's buffer without allocating when seen before. */
    private String pooled(JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return pool.string(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        }
        return pool.string(scalar(t, field));
    }

    private long number(JsonToken t, String field, long absent) throws IOException {
        switch (t) {
            case VALUE_NULL:
                return absent;
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return (long) p.getDoubleValue();
            case VALUE_STRING:
                try {
                    String s = p.getText().trim();
                    return s.isEmpty() ? absent : Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw error("'" + field + "' must be a number, found \"" + p.getText() + "\"");
                }
            default:
                throw error("'" + field + "' must be a number, found " + describe(t));
        }
    }

    /** A JSON list of strings ({@code removed}). */
    private List<String> stringArray(JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t != JsonToken.START_ARRAY) {
            throw error("'" + field + "' must be a list of strings, found " + describe(t));
        }
        List<String> items = new ArrayList<>();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw error("'" + field + "' entries must be strings, found " + describe(t));
            }
            items.add(p.getText());
        }
        return items;
    }

    /** {@code depends}/{@code constrains}: a JSON list of match spec strings ({@code null} means none). */
    private List<String> specList(JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            return s.isEmpty() ? List.of() : pool.list(List.of(pool.string(s)));
        }
        if (t != JsonToken.START_ARRAY) {
            throw error("'" + field + "' must be a list of strings, found " + describe(t));
        }
        List<String> items = scratch;
        items.clear();
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (t != JsonToken.VALUE_STRING) {
                throw error("'" + field + "' entries must be strings, found " + describe(t));
            }
            items.add(pool.string(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()));
        }
        return pool.list(items);
    }

    /** {@code track_features}/{@code features}: space or comma separated string, or a list of such strings. */
    private List<String> featureList(JsonToken t, String field) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return List.of();
        }
        List<String> items = scratch;
        items.clear();
        if (t == JsonToken.VALUE_STRING) {
            splitFeatures(p.getText(), items);
        } else if (t == JsonToken.START_ARRAY) {
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (t != JsonToken.VALUE_STRING) {
                    throw error("'" + field + "' entries must be strings, found " + describe(t));
                }
                splitFeatures(p.getText(), items);
            }
        } else {
            throw error("'" + field + "' must be a string or a list of strings, found " + describe(t));
        }
        return pool.list(items);
    }

    private void splitFeatures(String text, List<String> into) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && isFeatureSeparator(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isFeatureSeparator(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                into.add(pool.string(text.substring(start, i)));
            }
        }
    }

    private static boolean isFeatureSeparator(char c) {
        return c == ',' || Character.isWhitespace(c);
    }

    private String noarch(JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NULL:
            case VALUE_FALSE:
                return null;
            case VALUE_TRUE:
                return "generic";
            case VALUE_STRING: {
                String s = p.getText().trim();
                if (s.isEmpty()) {
                    return null;
                }
                if (s.equals("python")) {
                    return "python";
                }
                if (s.equals("generic")) {
                    return "generic";
                }
                throw error("unknown noarch type '" + s + "' (expected \"python\", \"generic\" or true)");
            }
            default:
                throw error("'noarch' must be a string or a boolean, found " + describe(t));
        }
    }

    private RepodataException error(String what) {
        return new RepodataException("invalid repodata " + displayName + where(p.currentTokenLocation()) + ": " + what);
    }

    private static String where(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 0) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static String directoryOf(String url) {
        int slash = url.lastIndexOf('/');
        return slash < 0 ? url + "/" : url.substring(0, slash + 1);
    }
}
