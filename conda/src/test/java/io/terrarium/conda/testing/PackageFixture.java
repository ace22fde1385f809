package io.terrarium.conda.testing;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.FileTrees;
import io.terrarium.conda.pkg.LinkJson;
import io.terrarium.conda.pkg.PackageFormat;
import io.terrarium.conda.pkg.PackageWriter;
import io.terrarium.conda.pkg.PathEntry;
import io.terrarium.conda.pkg.PathsJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds real conda packages for tests: {@code info/index.json}, {@code info/paths.json} (computed from the payload,
 * with prefix placeholders detected), optional {@code info/link.json}, and a payload of text, binary and executable
 * files, symbolic links, empty directories, {@code noarch: python} files and link scripts; written as a
 * {@code .tar.bz2} and/or {@code .conda} by the production {@link PackageWriter}.
 *
 * <p>In file contents, {@link #PREFIX} stands for the package's placeholder (by default the 255-character
 * {@link #LONG_PLACEHOLDER}), so an installer that replaces it can be checked. Example:
 * <pre>{@code
 * Path archive = PackageFixture.of("hello", "1.0", "0")
 *     .prefixScript("bin/hello")                       // prints its own prefix when run
 *     .textFile("etc/hello.conf", "root=" + PackageFixture.PREFIX + "\n")
 *     .binaryWithPrefix("lib/libhello.so")
 *     .symlink("lib/libhello.so.1", "libhello.so")
 *     .writeTo(dir, PackageFormat.CONDA);
 * }</pre>
 */
public final class PackageFixture {
    /** Token replaced by the package's placeholder in every file content given to this builder. */
    public static final String PREFIX = "@@PREFIX@@";
    /** conda's legacy 32-character placeholder. */
    public static final String LEGACY_PLACEHOLDER = "/opt/anaconda1anaconda2anaconda3";
    /** A conda-build style host prefix padded to exactly 255 characters. */
    public static final String LONG_PLACEHOLDER = longPlaceholder();
    /** Fixed modification time of every entry, so the same fixture gives byte-identical archives. */
    public static final FileTime FIXED_TIME = FileTime.fromMillis(1_700_000_000_000L);

    private final String name;
    private final String version;
    private final String build;
    private long buildNumber;
    private String subdir = "linux-64";
    private String noarch;
    private String placeholder = LONG_PLACEHOLDER;
    private final List<String> depends = new ArrayList<>();
    private final List<String> constrains = new ArrayList<>();
    private final List<String> trackFeatures = new ArrayList<>();
    private final List<LinkJson.EntryPoint> entryPoints = new ArrayList<>();
    private final Map<String, Object> extraIndex = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final Set<String> executables = new HashSet<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();
    private final List<String> emptyDirs = new ArrayList<>();
    private final Set<String> noLink = new HashSet<>();
    private final Map<String, byte[]> extraInfo = new LinkedHashMap<>();
    private long timestamp = 1_700_000_000_000L;
    private boolean legacyMetadata;

    private PackageFixture(String name, String version, String build) {
        this.name = name;
        this.version = version;
        this.build = build;
    }

    /** A package {@code name-version-build} for {@code linux-64} with no files yet. */
    public static PackageFixture of(String name, String version, String build) {
        return new PackageFixture(name, version, build);
    }

    /** A package with build string {@code "0"}. */
    public static PackageFixture of(String name, String version) {
        return new PackageFixture(name, version, "0");
    }

    /**
     * A stand-in {@code python} package: {@code bin/pythonM.m} is a shell wrapper (a text prefix file) that runs the
     * machine's python3 with the installed prefix's {@code lib/pythonM.m/site-packages} on {@code PYTHONPATH}, with
     * {@code bin/python} and {@code bin/python3} symlinks and that (empty) site-packages directory.
     * The version's M.m decides where {@code noarch: python} files go.
     */
    public static PackageFixture python(String version) {
        String[] parts = version.split("\\.");
        String mm = parts[0] + "." + parts[1];
        String real = findPython3();
        return of("python", version, "0")
                .executable(
                        "bin/python" + mm,
                        "#!/bin/sh\n"
                                + "# stands in for a real python: the machine's, seeing this prefix's site-packages\n"
                                + "PYTHONPATH=\"" + PREFIX + "/lib/python" + mm
                                + "/site-packages${PYTHONPATH:+:$PYTHONPATH}\" "
                                + "exec " + real + " \"$@\"\n")
                .symlink("bin/python3", "python" + mm)
                .symlink("bin/python", "python" + mm)
                .emptyDirectory("lib/python" + mm + "/site-packages");
    }

    private static String findPython3() {
        for (String p : new String[] {"/usr/bin/python3", "/usr/local/bin/python3"}) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return "python3";
    }

    public PackageFixture buildNumber(long n) {
        this.buildNumber = n;
        return this;
    }

    /** The platform subdir (default {@code linux-64}); {@link #noarchGeneric()}/{@link #noarchPython()} set noarch. */
    public PackageFixture subdir(String s) {
        this.subdir = s;
        return this;
    }

    public PackageFixture depends(String... specs) {
        depends.addAll(List.of(specs));
        return this;
    }

    public PackageFixture constrains(String... specs) {
        constrains.addAll(List.of(specs));
        return this;
    }

    public PackageFixture trackFeatures(String... features) {
        trackFeatures.addAll(List.of(features));
        return this;
    }

    public PackageFixture timestamp(long millis) {
        this.timestamp = millis;
        return this;
    }

    /** Another index.json field, e.g. {@code license_family}. */
    public PackageFixture index(String key, Object value) {
        extraIndex.put(key, value);
        return this;
    }

    /** {@code noarch: generic} in subdir {@code noarch}. */
    public PackageFixture noarchGeneric() {
        this.noarch = "generic";
        this.subdir = "noarch";
        return this;
    }

    /** {@code noarch: python} in subdir {@code noarch}, with an info/link.json; depends on python unless given. */
    public PackageFixture noarchPython() {
        this.noarch = "python";
        this.subdir = "noarch";
        return this;
    }

    /** The placeholder that {@link #PREFIX} stands for (default {@link #LONG_PLACEHOLDER}). */
    public PackageFixture placeholder(String p) {
        this.placeholder = p;
        return this;
    }

    /** Write legacy {@code info/files} + {@code info/has_prefix} (+ {@code no_link}) instead of paths.json. */
    public PackageFixture legacyMetadata() {
        this.legacyMetadata = true;
        return this;
    }

    /** A text file; {@link #PREFIX} in the content becomes the placeholder (text-mode replacement). */
    public PackageFixture textFile(String path, String content) {
        files.put(path, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** A file with exactly these bytes (a placeholder inside makes it a prefix file; binary mode if it has NULs). */
    public PackageFixture binaryFile(String path, byte[] content) {
        files.put(path, content.clone());
        return this;
    }

    /**
     * A binary file (it holds NUL bytes) embedding the placeholder in NUL-terminated strings, as a compiled library
     * does: an RPATH-like {@code PREFIX/lib}, a string holding it twice ({@code PREFIX/share:PREFIX/etc}), and
     * bytes around them that replacement must leave alone. The file size must never change on install.
     */
    public PackageFixture binaryWithPrefix(String path) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        b.writeBytes((PREFIX + "/lib").getBytes(StandardCharsets.UTF_8));
        b.write(0);
        b.writeBytes("unrelated".getBytes(StandardCharsets.UTF_8));
        b.write(0);
        b.writeBytes((PREFIX + "/share:" + PREFIX + "/etc").getBytes(StandardCharsets.UTF_8));
        b.write(0);
        for (int i = 0; i < 64; i++) {
            b.write(i * 7);
        }
        files.put(path, b.toByteArray());
        return this;
    }

    /** An executable file (mode 0755). */
    public PackageFixture executable(String path, String content) {
        textFile(path, content);
        executables.add(path);
        return this;
    }

    /** An executable shell script that prints the prefix it was installed into (its replaced placeholder). */
    public PackageFixture prefixScript(String path) {
        return executable(path, "#!/bin/sh\nprefix=\"" + PREFIX + "\"\necho \"$prefix\"\n");
    }

    /** A symbolic link {@code path -> target} (target relative to the link's directory). */
    public PackageFixture symlink(String path, String target) {
        symlinks.put(path, target);
        return this;
    }

    /** An empty directory listed in paths.json as {@code directory}. */
    public PackageFixture emptyDirectory(String path) {
        emptyDirs.add(path);
        return this;
    }

    /** Marks a file {@code no_link} (always copied). */
    public PackageFixture noLink(String path) {
        noLink.add(path);
        return this;
    }

    /** A {@code noarch: python} module file under {@code site-packages/}. */
    public PackageFixture sitePackagesFile(String relative, String content) {
        return textFile("site-packages/" + relative, content);
    }

    /** A {@code noarch: python} script under {@code python-scripts/} (installed into {@code bin/}). */
    public PackageFixture pythonScript(String fileName, String content) {
        return executable("python-scripts/" + fileName, content);
    }

    /** An entry point {@code cmd = module:func} in info/link.json (for {@code noarch: python}). */
    public PackageFixture entryPoint(String definition) {
        entryPoints.add(LinkJson.EntryPoint.parse(definition));
        return this;
    }

    /** {@code bin/.<name>-post-link.sh} with this shell body (it runs with PREFIX, PKG_NAME, ... set). */
    public PackageFixture postLink(String script) {
        return executable("bin/." + name + "-post-link.sh", script);
    }

    /** {@code bin/.<name>-pre-unlink.sh}. */
    public PackageFixture preUnlink(String script) {
        return executable("bin/." + name + "-pre-unlink.sh", script);
    }

    /** Another file under {@code info/}, e.g. {@code about.json}. */
    public PackageFixture infoFile(String relative, String content) {
        extraInfo.put(relative, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String build() {
        return build;
    }

    public String subdir() {
        return subdir;
    }

    public String placeholderValue() {
        return placeholder;
    }

    /** {@code name-version-build}. */
    public String dist() {
        return name + "-" + version + "-" + build;
    }

    /** The archive file name for a format. */
    public String fileName(PackageFormat format) {
        return dist() + format.extension();
    }

    /** The index.json this fixture writes. */
    public Map<String, Object> indexJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", subdir.equals("noarch") ? null : "x86_64");
        m.put("build", build);
        m.put("build_number", buildNumber);
        m.put("constrains", List.copyOf(constrains));
        List<String> deps = new ArrayList<>(depends);
        if ("python".equals(noarch) && deps.stream().noneMatch(d -> d.equals("python") || d.startsWith("python "))) {
            deps.add("python");
        }
        m.put("depends", deps);
        m.put("license", "BSD-3-Clause");
        m.put("name", name);
        if (noarch != null) {
            m.put("noarch", noarch);
        }
        m.put("platform", subdir.equals("noarch") ? null : "linux");
        m.put("subdir", subdir);
        m.put("timestamp", timestamp);
        if (!trackFeatures.isEmpty()) {
            m.put("track_features", String.join(" ", trackFeatures));
        }
        m.put("version", version);
        m.putAll(extraIndex);
        m.values().removeIf(v -> v == null);
        return m;
    }

    /** Writes the package directory (info/ and payload) under {@code dir}; returns it. */
    public Path buildDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, replaceToken(f.getValue()));
            Files.setPosixFilePermissions(
                    p, PosixFilePermissions.fromString(executables.contains(f.getKey()) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        for (Map.Entry<String, String> l : symlinks.entrySet()) {
            Path p = dir.resolve(l.getKey());
            Files.createDirectories(p.getParent());
            Files.createSymbolicLink(p, Path.of(l.getValue()));
        }
        for (String d : emptyDirs) {
            Files.createDirectories(dir.resolve(d));
        }
        Path info = dir.resolve("info");
        Files.createDirectories(info);
        Json.writeFile(info.resolve("index.json"), indexJson());
        PathsJson scanned = PackageWriter.scanPayload(dir, placeholder);
        List<PathEntry> entries = new ArrayList<>();
        for (PathEntry e : scanned.paths()) {
            entries.add(
                    noLink.contains(e.path())
                            ? new PathEntry(
                                    e.path(),
                                    e.pathType(),
                                    e.sha256(),
                                    e.sizeInBytes(),
                                    e.prefixPlaceholder(),
                                    e.fileMode(),
                                    true)
                            : e);
        }
        PathsJson paths = PathsJson.of(entries);
        if (legacyMetadata) {
            writeLegacy(info, paths);
        } else {
            paths.write(info.resolve("paths.json"));
        }
        if (noarch != null) {
            LinkJson link = new LinkJson(1, noarch, entryPoints);
            Json.writeFile(info.resolve("link.json"), link.toJson());
        }
        for (Map.Entry<String, byte[]> f : extraInfo.entrySet()) {
            Path p = info.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        for (Path p : List.of(info.resolve("index.json"), info)) {
            Files.setLastModifiedTime(p, FIXED_TIME);
        }
        return dir;
    }

    private static void writeLegacy(Path info, PathsJson paths) throws IOException {
        StringBuilder files = new StringBuilder();
        StringBuilder hasPrefix = new StringBuilder();
        StringBuilder noLinks = new StringBuilder();
        for (PathEntry e : paths.paths()) {
            files.append(e.path()).append('\n');
            if (e.hasPrefix()) {
                hasPrefix
                        .append(e.prefixPlaceholder())
                        .append(' ')
                        .append(e.fileMode().jsonName())
                        .append(' ')
                        .append(e.path())
                        .append('\n');
            }
            if (e.noLink()) {
                noLinks.append(e.path()).append('\n');
            }
        }
        Files.writeString(info.resolve("files"), files);
        if (hasPrefix.length() > 0) {
            Files.writeString(info.resolve("has_prefix"), hasPrefix);
        }
        if (noLinks.length() > 0) {
            Files.writeString(info.resolve("no_link"), noLinks);
        }
    }

    private byte[] replaceToken(byte[] content) {
        byte[] token = PREFIX.getBytes(StandardCharsets.UTF_8);
        byte[] with = placeholder.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 512);
        int i = 0;
        outer:
        while (i < content.length) {
            if (i <= content.length - token.length) {
                for (int j = 0; j < token.length; j++) {
                    if (content[i + j] != token[j]) {
                        out.write(content[i++]);
                        continue outer;
                    }
                }
                out.writeBytes(with);
                i += token.length;
            } else {
                out.write(content[i++]);
            }
        }
        return out.toByteArray();
    }

    /**
     * Writes the archive into {@code outputDir} (created if needed) and returns it. The package directory is built
     * in a temporary directory beside it and removed afterwards.
     */
    public Path writeTo(Path outputDir, PackageFormat format) throws IOException {
        Files.createDirectories(outputDir);
        Path work = Files.createTempDirectory(outputDir, ".fixture-" + name + "-");
        try {
            buildDir(work);
            return new PackageWriter().zstdLevel(3).fixedTime(FIXED_TIME).write(work, outputDir, format);
        } finally {
            FileTrees.delete(work);
        }
    }

    private static String longPlaceholder() {
        StringBuilder b = new StringBuilder("/home/conda/feedstock_root/build_artifacts/fixture_1700000000000/_h_env");
        while (b.length() < 255) {
            b.append("_placehold");
        }
        return b.substring(0, 255);
    }
}
