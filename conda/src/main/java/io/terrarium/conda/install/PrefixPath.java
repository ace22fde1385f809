package io.terrarium.conda.install;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One path an installed record put into the prefix, as {@code paths_data.paths[]} of a conda-meta record lists it.
 *
 * @param path              prefix-relative target path, '/' separated
 * @param pathType          {@code hardlink}, {@code softlink}, {@code directory}, {@code pyc_file} or
 *                          {@code unix_python_entry_point}
 * @param sha256            hash of the file as the package ships it (null for generated files and directories)
 * @param sha256InPrefix    hash of the file as installed (differs from {@code sha256} after prefix replacement)
 * @param sizeInBytes       size as installed, -1 when not recorded
 * @param prefixPlaceholder the placeholder that was replaced, or null
 * @param fileMode          {@code text} or {@code binary} when there was a placeholder, else null
 * @param noLink            whether the package asked for a copy
 */
public record PrefixPath(
        String path,
        String pathType,
        String sha256,
        String sha256InPrefix,
        long sizeInBytes,
        String prefixPlaceholder,
        String fileMode,
        boolean noLink) {

    public PrefixPath {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pathType, "pathType");
    }

    /** The entry as conda writes it (keys sorted, absent values left out). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_path", path);
        if (fileMode != null) {
            m.put("file_mode", fileMode);
        }
        if (noLink) {
            m.put("no_link", true);
        }
        m.put("path_type", pathType);
        if (prefixPlaceholder != null) {
            m.put("prefix_placeholder", prefixPlaceholder);
        }
        if (sha256 != null) {
            m.put("sha256", sha256);
        }
        if (sha256InPrefix != null) {
            m.put("sha256_in_prefix", sha256InPrefix);
        }
        if (sizeInBytes >= 0) {
            m.put("size_in_bytes", sizeInBytes);
        }
        return m;
    }
}
