package io.terrarium.infrastructure.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.UUID;

/**
 * Where builds, environment symlinks and artifacts live on disk, exactly as conda-store lays out its store, and
 * the file operations on that layout (atomic symlink swap, confined deletion).
 *
 * <p>Layout (defaults, build key v2): {@code <store>/<namespace>/<key>} is a build prefix,
 * {@code <store>/<namespace>/envs/<name>} a symlink to the active one, and artifacts sit under
 * {@code <store>/.storage/} with conda-store's storage keys ({@code logs/<key>.log}, {@code lockfile/<key>.yml},
 * {@code yaml/<key>.yml}, {@code archive/<key>.tar.gz}).
 */
public final class StoreLayout {

    /** conda's limit on a prefix path (longer prefixes break binary prefix replacement). */
    public static final int MAX_BUILD_PATH = 255;

    /** Directories the server keeps at the top of the store; a namespace of that name would collide with them. */
    public static final Set<String> RESERVED_NAMESPACES =
            Set.of("channels", "pkgs", "broker", "db", "database", "tmp", "server", "cache");

    private final StoreSettings settings;

    public StoreLayout(StoreSettings settings) {
        this.settings = settings;
    }

    public StoreSettings settings() {
        return settings;
    }

    public String buildKey(BuildCoordinates build) {
        return BuildKey.of(build);
    }

    /**
     * The prefix path of a build, formatted for this OS (with {@code \\?\} when configured on Windows).
     *
     * @throws BuildPathTooLongException when the path exceeds {@value #MAX_BUILD_PATH} characters
     */
    public String buildPath(BuildCoordinates build) {
        String namespace = build.keyVersion() == 3 ? "" : build.namespace();
        String path = join(buildDirectory(namespace), buildKey(build));
        if (path.length() > MAX_BUILD_PATH) {
            throw new BuildPathTooLongException(path, MAX_BUILD_PATH);
        }
        return platformPath(path);
    }

    /** @return the environment symlink path, or null for build key v3 (which has no symlink) */
    public String environmentPath(int keyVersion, String namespace, String name) {
        if (keyVersion == 3) {
            return null;
        }
        return platformPath(normalize(environmentDirectory(namespace, name)));
    }

    public static String logsKey(String buildKey) {
        return "logs/" + buildKey + ".log";
    }

    public static String lockfileKey(String buildKey) {
        return "lockfile/" + buildKey + ".yml";
    }

    public static String yamlKey(String buildKey) {
        return "yaml/" + buildKey + ".yml";
    }

    public static String archiveKey(String buildKey) {
        return "archive/" + buildKey + ".tar.gz";
    }

    /** @return the key of a directory private to one build, for artifact files the build job writes */
    public static String artifactDirectoryKey(String buildKey) {
        return "artifacts/" + buildKey;
    }

    /** @return the storage key of a file inside the storage directory, or its absolute path when outside */
    public String storageKey(Path file) {
        Path p = file.toAbsolutePath().normalize();
        if (p.startsWith(settings.storageDirectory()) && !p.equals(settings.storageDirectory())) {
            return settings.storageDirectory().relativize(p).toString().replace('\\', '/');
        }
        return p.toString();
    }

    /** @return the file of a storage key; an absolute key (a file kept outside the storage) is returned as is */
    public Path artifactFile(String key) {
        Path p = Path.of(key);
        return p.isAbsolute() ? p : storageFile(key);
    }

    /**
     * @return the file holding a storage key
     * @throws IllegalArgumentException if the key would leave the storage directory
     */
    public Path storageFile(String key) {
        Path file = settings.storageDirectory().resolve(key).normalize();
        if (!file.startsWith(settings.storageDirectory()) || file.equals(settings.storageDirectory())) {
            throw new IllegalArgumentException("storage key '" + key + "' is outside the storage directory");
        }
        return file;
    }

    /**
     * Points the environment symlink at a build prefix atomically: a new symlink is made beside it and renamed
     * over the old one, so readers always see either the old or the new build, never a missing link.
     */
    public void activate(Path environmentLink, Path buildPrefix) {
        try {
            Files.createDirectories(environmentLink.getParent());
            if (Files.isDirectory(environmentLink, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(environmentLink + " is a real directory, not an environment symlink;"
                        + " move it away before activating a build there");
            }
            Path temp =
                    environmentLink.resolveSibling("." + environmentLink.getFileName() + ".tmp-" + UUID.randomUUID());
            Files.createSymbolicLink(temp, buildPrefix.toAbsolutePath());
            try {
                Files.move(temp, environmentLink, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(temp);
                throw new IllegalStateException(
                        "the filesystem of " + environmentLink
                                + " cannot rename atomically, so the environment symlink cannot be swapped safely",
                        e);
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot point " + environmentLink + " at " + buildPrefix + ": " + e.getMessage(), e);
        }
    }

    /** Removes the environment symlink if it exists and points at the given prefix (or anywhere, if prefix is null). */
    public void deactivate(Path environmentLink, Path buildPrefix) {
        try {
            if (!Files.isSymbolicLink(environmentLink)) {
                return;
            }
            if (buildPrefix == null || Files.readSymbolicLink(environmentLink).equals(buildPrefix.toAbsolutePath())) {
                Files.deleteIfExists(environmentLink);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + environmentLink + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes a build prefix or artifact file, but only inside the store: a path outside it (a hand-edited key, a
     * changed store directory) is left alone.
     *
     * @return true if something was deleted
     */
    public boolean deleteInsideStore(Path path) {
        Path p = path.toAbsolutePath().normalize();
        if (!p.startsWith(settings.storeDirectory()) || p.equals(settings.storeDirectory())) {
            return false;
        }
        try {
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (DirectoryNotEmptyException e) {
                        // something wrote into it meanwhile; leave what remains
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes a deleted namespace's build directory (and its {@code envs} folder) when nothing is left in them;
     * anything still inside is kept.
     */
    public void removeEmptyNamespaceDirectory(String namespace) {
        Path dir = Path.of(normalize(buildDirectory(namespace)));
        Path envs = Path.of(normalize(environmentDirectory(namespace, ""))).normalize();
        for (Path p : new Path[] {envs, dir}) {
            Path abs = p.toAbsolutePath().normalize();
            if (!abs.startsWith(settings.storeDirectory()) || abs.equals(settings.storeDirectory())) {
                continue;
            }
            try {
                Files.deleteIfExists(abs);
            } catch (DirectoryNotEmptyException e) {
                // still in use (kept artifacts, other builds): leave it
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + abs + ": " + e.getMessage(), e);
            }
        }
    }

    /** The {@code build_directory} template filled in (not yet normalised). */
    private String buildDirectory(String namespace) {
        return settings.buildDirectory()
                .replace("{store_directory}", storeDirectoryText())
                .replace("{namespace}", namespace);
    }

    /** The {@code environment_directory} template filled in (not yet normalised). */
    private String environmentDirectory(String namespace, String name) {
        return settings.environmentDirectory()
                .replace("{store_directory}", storeDirectoryText())
                .replace("{namespace}", namespace)
                .replace("{name}", name);
    }

    private String storeDirectoryText() {
        return settings.storeDirectory().toString();
    }

    private static String join(String dir, String child) {
        return normalize(dir.endsWith("/") ? dir + child : dir + "/" + child);
    }

    /** Collapses repeated separators, as Python's pathlib does (an empty v3 namespace leaves {@code //}). */
    private static String normalize(String path) {
        String p = path.replaceAll("/{2,}", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private String platformPath(String path) {
        if (!settings.windows()) {
            return path;
        }
        String windowsPath = path.replace('/', '\\');
        return settings.winExtendedLengthPrefix() ? "\\\\?\\" + windowsPath : windowsPath;
    }
}
