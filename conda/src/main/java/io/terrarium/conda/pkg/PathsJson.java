package io.terrarium.conda.pkg;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file list of a package ({@code info/paths.json}, paths_version 1), read from that file or built from the
 * legacy {@code info/files}, {@code info/has_prefix} and {@code info/no_link}.
 */
public final class PathsJson {
    /** conda's placeholder for {@code has_prefix} lines that name only a path. */
    public static final String LEGACY_PLACEHOLDER = "/opt/anaconda1anaconda2anaconda3";

    private final int pathsVersion;
    private final List<PathEntry> paths;

    public PathsJson(int pathsVersion, List<PathEntry> paths) {
        this.pathsVersion = pathsVersion;
        this.paths = List.copyOf(paths);
    }

    /** A version 1 file list. */
    public static PathsJson of(List<PathEntry> paths) {
        return new PathsJson(1, paths);
    }

    public int pathsVersion() {
        return pathsVersion;
    }

    /** Entries in file order. */
    public List<PathEntry> paths() {
        return paths;
    }

    /** Entries by path. */
    public Map<String, PathEntry> byPath() {
        Map<String, PathEntry> m = new LinkedHashMap<>();
        for (PathEntry e : paths) {
            m.put(e.path(), e);
        }
        return m;
    }

    /**
     * Reads the file list of an extracted package directory: {@code info/paths.json}, else the legacy files
     * (symlinks among them are detected on disk), else an empty list.
     */
    public static PathsJson read(Path packageDir) throws IOException {
        Path info = packageDir.resolve("info");
        Path pathsJson = info.resolve("paths.json");
        if (Files.isRegularFile(pathsJson)) {
            try (InputStream in = Files.newInputStream(pathsJson)) {
                return parse(in);
            } catch (InvalidPackageException e) {
                throw new InvalidPackageException(pathsJson + ": " + e.getMessage(), e);
            }
        }
        Path files = info.resolve("files");
        if (!Files.isRegularFile(files)) {
            return of(List.of());
        }
        String hasPrefix = readIfExists(info.resolve("has_prefix"));
        String noLink = readIfExists(info.resolve("no_link"));
        return fromLegacy(Files.readString(files, StandardCharsets.UTF_8), hasPrefix, noLink, packageDir);
    }

    private static String readIfExists(Path p) throws IOException {
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    }

    /** Parses {@code paths.json} content. */
    public static PathsJson parse(InputStream in) throws IOException {
        Object tree;
        try {
            tree = Json.parse(in);
        } catch (JsonFormatException e) {
            throw new InvalidPackageException("invalid paths.json: " + e.getMessage(), e);
        }
        return fromJson(tree);
    }

    /** Builds the model from a parsed {@code paths.json} tree. */
    public static PathsJson fromJson(Object tree) throws InvalidPackageException {
        if (!(tree instanceof Map)) {
            throw new InvalidPackageException("paths.json must hold an object, found " + Json.describe(tree));
        }
        Map<String, Object> obj = Json.asObject(tree);
        try {
            int version = (int) Json.integer(obj, "paths_version", 1);
            if (version != 1) {
                throw new InvalidPackageException("unsupported paths_version " + version + " (this reader knows 1)");
            }
            Object list = obj.get("paths");
            if (list != null && !(list instanceof List)) {
                throw new InvalidPackageException("'paths' must be a list, found " + Json.describe(list));
            }
            List<PathEntry> entries = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            int i = 0;
            for (Object o : list == null ? List.of() : (List<?>) list) {
                if (!(o instanceof Map)) {
                    throw new InvalidPackageException("paths[" + i + "] must be an object, found " + Json.describe(o));
                }
                PathEntry e = entryFromJson(Json.asObject(o), i);
                if (!seen.add(e.path())) {
                    throw new InvalidPackageException("paths.json lists '" + e.path() + "' twice");
                }
                entries.add(e);
                i++;
            }
            return new PathsJson(version, entries);
        } catch (JsonFormatException e) {
            throw new InvalidPackageException("invalid paths.json: " + e.getMessage(), e);
        }
    }

    private static PathEntry entryFromJson(Map<String, Object> m, int index) throws InvalidPackageException {
        try {
            String path = Json.string(m, "_path");
            if (path == null) {
                throw new InvalidPackageException("paths[" + index + "] has no '_path'");
            }
            return new PathEntry(
                    path,
                    PathType.fromJson(Json.string(m, "path_type")),
                    Json.string(m, "sha256"),
                    Json.integer(m, "size_in_bytes", -1),
                    Json.string(m, "prefix_placeholder"),
                    FileMode.fromJson(Json.string(m, "file_mode")),
                    Json.bool(m, "no_link", false));
        } catch (IllegalArgumentException e) {
            throw new InvalidPackageException("paths[" + index + "]: " + e.getMessage(), e);
        }
    }

    /**
     * Builds the list from legacy metadata. {@code files} is {@code info/files} (one path a line; only listed files
     * are installed); {@code hasPrefix} and {@code noLink} may be null. When {@code packageDir} is given, listed
     * paths that are symbolic links there become {@link PathType#SOFTLINK} entries.
     */
    public static PathsJson fromLegacy(String files, String hasPrefix, String noLink, Path packageDir)
            throws InvalidPackageException {
        Map<String, String[]> prefixes = new HashMap<>();
        if (hasPrefix != null) {
            int lineNo = 0;
            for (String line : hasPrefix.split("\r?\n")) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> parts = splitHasPrefixLine(line.strip());
                String[] value;
                if (parts.size() == 1) {
                    value = new String[] {LEGACY_PLACEHOLDER, "text", parts.get(0)};
                } else if (parts.size() == 3) {
                    value = parts.toArray(new String[0]);
                } else {
                    throw new InvalidPackageException("info/has_prefix line " + lineNo
                            + ": expected 'path' or 'placeholder mode path', found: " + line);
                }
                prefixes.put(normalise(value[2], "info/has_prefix line " + lineNo), value);
            }
        }
        Set<String> noLinks = new HashSet<>();
        if (noLink != null) {
            for (String line : noLink.split("\r?\n")) {
                if (!line.isBlank()) {
                    noLinks.add(normalise(line.strip(), "info/no_link"));
                }
            }
        }
        List<PathEntry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int lineNo = 0;
        for (String line : files.split("\r?\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String path = normalise(line.strip(), "info/files line " + lineNo);
            if (!seen.add(path)) {
                continue;
            }
            PathType type = packageDir != null && Files.isSymbolicLink(packageDir.resolve(path))
                    ? PathType.SOFTLINK
                    : PathType.HARDLINK;
            if (type == PathType.HARDLINK
                    && packageDir != null
                    && Files.isDirectory(packageDir.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                type = PathType.DIRECTORY;
            }
            String[] prefix = prefixes.get(path);
            FileMode mode;
            try {
                mode = prefix == null ? FileMode.TEXT : FileMode.fromJson(prefix[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidPackageException("info/has_prefix for '" + path + "': " + e.getMessage(), e);
            }
            entries.add(new PathEntry(
                    path, type, null, -1, prefix == null ? null : prefix[0], mode, noLinks.contains(path)));
        }
        return of(entries);
    }

    private static String normalise(String path, String where) throws InvalidPackageException {
        try {
            return SafePaths.checkRelative(path);
        } catch (IllegalArgumentException e) {
            throw new InvalidPackageException(where + ": " + e.getMessage(), e);
        }
    }

    /** Splits a has_prefix line on blanks, honouring single or double quotes around fields. */
    static List<String> splitHasPrefixLine(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            char c = line.charAt(i);
            if (c == '"' || c == '\'') {
                int end = line.indexOf(c, i + 1);
                if (end < 0) {
                    end = n;
                }
                out.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    /** The {@code paths.json} tree. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>(paths.size());
        for (PathEntry e : paths) {
            list.add(e.toJson());
        }
        m.put("paths", list);
        m.put("paths_version", pathsVersion);
        return m;
    }

    /** Writes {@code paths.json} (indented as conda-build does). */
    public void write(OutputStream out) throws IOException {
        Json.write(toJson(), out, true);
    }

    /** Writes {@code paths.json} to a file. */
    public void write(Path file) throws IOException {
        Json.writeFile(file, toJson());
    }

    @Override
    public String toString() {
        return "PathsJson[" + paths.size() + " paths]";
    }
}
