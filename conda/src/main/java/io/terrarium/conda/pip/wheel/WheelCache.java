package io.terrarium.conda.pip.wheel;

import io.terrarium.conda.pip.index.HttpSource;
import io.terrarium.conda.pip.index.IndexException;
import io.terrarium.conda.pkg.Sha256;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The store's shared wheel cache: each wheel is kept once under {@code <root>/<sha256>/<filename>}, so builds and
 * workers that pin the same file share it, and a file is only ever visible complete (downloaded under a temporary
 * name and moved in).
 */
public final class WheelCache {
    private final Path root;
    private final HttpSource http;

    public WheelCache(Path root, HttpSource http) {
        this.root = root;
        this.http = http;
    }

    public Path root() {
        return root;
    }

    /** Where a wheel with this hash is (or would be) cached. */
    public Path pathOf(String sha256, String filename) {
        return root.resolve(sha256.toLowerCase(java.util.Locale.ROOT)).resolve(filename);
    }

    /**
     * The cached wheel, downloading it first when missing; {@code sha256} (when known) is checked, and a wheel the
     * index gave no hash for is filed under the hash of what arrived.
     */
    public Path fetch(String filename, String url, String sha256) {
        if (sha256 != null) {
            Path p = pathOf(sha256, filename);
            if (Files.isRegularFile(p)) {
                return p;
            }
            http.download(url, p, sha256);
            return p;
        }
        try {
            Path dir = Files.createDirectories(root.resolve("incoming"));
            Path tmp = dir.resolve(filename + "." + ProcessHandle.current().pid() + "."
                    + Thread.currentThread().getId());
            String actual = http.download(url, tmp, null);
            Path target = pathOf(actual, filename);
            Files.createDirectories(target.getParent());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(tmp);
            }
            return target;
        } catch (IOException e) {
            throw new IndexException("cannot cache " + filename + " in " + root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The wheel's files extracted and checked against its RECORD, under {@code <root>/<sha256>/unpacked}, shared by
     * every install of it (they hard-link from there); returns that directory.
     */
    public Path unpacked(Path wheel, String sha256) {
        Path dir = root.resolve(sha256.toLowerCase(java.util.Locale.ROOT)).resolve("unpacked");
        WheelUnpacker.unpack(wheel, dir);
        return dir;
    }

    /** Whether a cached file still has the content its directory names (a check before installing from it). */
    public static boolean verify(Path cached, String sha256) throws IOException {
        return Sha256.of(cached).equalsIgnoreCase(sha256);
    }
}
