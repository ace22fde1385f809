package io.terrarium.interfaces.storage;

import io.terrarium.batch.BuildEngine;
import java.util.Optional;

/**
 * The kinds of stored artifact the storage route serves, told apart by the shape of the storage key, and the test
 * that a key names one of them without leaving the storage directory: the build log {@code logs/{build key}.log},
 * the files a build job writes to {@code artifacts/{build key}/} (lockfile, environment export, conda-pack archive)
 * and conda-store's own {@code lockfile/}, {@code yaml/} and {@code archive/} keys. No other file of the storage
 * (a half-written file, anything a later version stores) is ever served.
 */
public enum ArtifactKind {
    LOGS,
    YAML,
    LOCKFILE,
    ARCHIVE;

    /** Longer than any key the store makes (a build key is bounded by the 255-character build path). */
    static final int MAX_KEY_LENGTH = 1024;

    private static final String ARTIFACTS = "artifacts";

    /**
     * @return the kind of a well-formed relative key of one of the shapes above; empty for anything else, among it
     *     an absolute key, a {@code .} or {@code ..} segment, an empty segment, a backslash or a control character
     */
    public static Optional<ArtifactKind> ofKey(String key) {
        String[] segments = segments(key);
        if (segments.length == 2) {
            return switch (segments[0]) {
                case "logs" -> segments[1].endsWith(".log") ? Optional.of(LOGS) : Optional.empty();
                case "yaml" -> Optional.of(YAML);
                case "lockfile" -> Optional.of(LOCKFILE);
                case "archive" -> Optional.of(ARCHIVE);
                default -> Optional.empty();
            };
        }
        if (segments.length == 3 && segments[0].equals(ARTIFACTS)) {
            return switch (segments[2]) {
                case BuildEngine.EXPORT -> Optional.of(YAML);
                case BuildEngine.LOCKFILE -> Optional.of(LOCKFILE);
                case BuildEngine.ARCHIVE -> Optional.of(ARCHIVE);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /**
     * @return the name a download of that (servable) key is saved under: {@code {build key}.tar.gz} for a build job's
     *     archive, as conda-store names its {@code archive/{build key}.tar.gz}, else the key's file name
     */
    public static String downloadName(String key) {
        String[] segments = segments(key);
        if (segments.length == 3 && segments[0].equals(ARTIFACTS) && segments[2].equals(BuildEngine.ARCHIVE)) {
            return segments[1] + ".tar.gz";
        }
        return segments[segments.length - 1];
    }

    /** The key's segments, or none when the key is malformed. */
    private static String[] segments(String key) {
        String[] none = new String[0];
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH || key.startsWith("/")) {
            return none;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return none;
            }
        }
        String[] segments = key.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return none;
            }
        }
        return segments;
    }
}
