package io.terrarium.conda.pkg;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One file of a package as {@code info/paths.json} lists it.
 *
 * @param path              path relative to the package root and to the prefix, '/' separated, never escaping it
 * @param pathType          regular file, symbolic link or directory
 * @param sha256            hex SHA-256 of the content (for a softlink, of the target's content), or null when unknown
 * @param sizeInBytes       size of the content, or -1 when unknown
 * @param prefixPlaceholder the build prefix embedded in the file, or null when the file needs no rewriting
 * @param fileMode          how to replace the placeholder (meaningful only when there is one)
 * @param noLink            true when the file must always be copied, never hard-linked
 */
public record PathEntry(
        String path,
        PathType pathType,
        String sha256,
        long sizeInBytes,
        String prefixPlaceholder,
        FileMode fileMode,
        boolean noLink) {

    public PathEntry {
        path = SafePaths.checkRelative(path);
        Objects.requireNonNull(pathType, "pathType");
        fileMode = fileMode == null ? FileMode.TEXT : fileMode;
        if (prefixPlaceholder != null && prefixPlaceholder.isEmpty()) {
            prefixPlaceholder = null;
        }
    }

    /** A regular file without placeholder. */
    public static PathEntry file(String path, String sha256, long size) {
        return new PathEntry(path, PathType.HARDLINK, sha256, size, null, FileMode.TEXT, false);
    }

    /** Whether the file carries a prefix placeholder to replace at link time. */
    public boolean hasPrefix() {
        return prefixPlaceholder != null;
    }

    /** This entry with another path (e.g. a noarch python file moved into site-packages). */
    public PathEntry withPath(String newPath) {
        return new PathEntry(newPath, pathType, sha256, sizeInBytes, prefixPlaceholder, fileMode, noLink);
    }

    /** The entry as conda-build writes it in {@code paths.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_path", path);
        m.put("path_type", pathType.jsonName());
        if (prefixPlaceholder != null) {
            m.put("prefix_placeholder", prefixPlaceholder);
            m.put("file_mode", fileMode.jsonName());
        }
        if (noLink) {
            m.put("no_link", true);
        }
        if (sha256 != null) {
            m.put("sha256", sha256);
        }
        if (sizeInBytes >= 0) {
            m.put("size_in_bytes", sizeInBytes);
        }
        return m;
    }
}
