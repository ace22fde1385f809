package io.terrarium.conda.install;

import io.terrarium.conda.pkg.FileTrees;
import io.terrarium.conda.pkg.SafePaths;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes files, links and directories into a prefix so that nothing lands outside it and no file appears half-written
 * under its final name: each file is staged in {@code <prefix>/.terrarium-staging/} and renamed into place.
 *
 * <p>Paths are checked before anything is created: no {@code ..}, no absolute path, no existing directory component
 * that is a link leading out of the prefix, no symbolic link whose target leaves the prefix.
 */
final class PrefixWriter {
    /**
     * Staging directory name; wiped before each record and when an install finishes, so a crash leaves nothing that
     * outlives a rerun.
     */
    static final String STAGING = ".terrarium-staging";

    private final Path prefix;
    private final Path realPrefix;
    private final Path staging;
    /**
     * Directories already checked or created by this writer. Kept across records (the prefix lock serialises writers,
     * and nothing but a failed record's rollback removes directories); forgotten after a rollback, and re-checked
     * when a write finds its directory gone after all.
     */
    private final Set<Path> knownDirectories = new HashSet<>();
    /** Directories created during the current record, in creation order (removed again if the record fails). */
    private final List<Path> createdDirectories = new ArrayList<>();
    /** True when the staging directory is known to hold nothing (absent, or emptied by this writer's renames). */
    private boolean stagingEmpty;
    /** True when this writer created the staging directory and has not removed it since. */
    private boolean stagingPresent;
    /** Set once the file system refused a hard link, so later files go straight to copying. */
    private boolean hardlinksRefused;

    private long counter;

    PrefixWriter(Path prefix) throws IOException {
        Files.createDirectories(prefix);
        this.prefix = prefix.toAbsolutePath().normalize();
        this.realPrefix = this.prefix.toRealPath();
        this.staging = this.prefix.resolve(STAGING);
    }

    Path prefix() {
        return prefix;
    }

    /** Removes what an interrupted run left in the staging directory. */
    void clearStaging() throws IOException {
        createdDirectories.clear();
        FileTrees.delete(staging);
        stagingEmpty = true;
        stagingPresent = false;
    }

    /**
     * Prepares for the next record: removes what an interrupted run left in the staging directory, unless this writer
     * emptied it itself (every file staged by a successful record has been renamed into place), in which case the
     * empty directory is reused instead of being removed and made again for each record.
     */
    void startRecord() throws IOException {
        createdDirectories.clear();
        if (!stagingEmpty) {
            clearStaging();
        } else if (stagingPresent && !Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
            stagingPresent = false; // another installer of this prefix cleared it between our records
        }
    }

    /** The absolute target of a prefix-relative path, its parent directories created (safely). */
    Path prepare(String relative) throws IOException {
        Path target = resolve(relative);
        ensureDirectories(target.getParent());
        return target;
    }

    /** Resolves a prefix-relative path after checking it lexically. */
    Path resolve(String relative) throws UnsafePathException {
        try {
            return SafePaths.resolveInside(prefix, relative);
        } catch (IllegalArgumentException e) {
            throw new UnsafePathException("refusing to write outside the prefix " + prefix + ": " + e.getMessage());
        }
    }

    /**
     * Creates {@code dir} and its missing parents inside the prefix, refusing when an existing component is a link or
     * file that leads outside (so createDirectories never follows a link out of the prefix).
     */
    void ensureDirectories(Path dir) throws IOException {
        if (!dir.startsWith(prefix)) {
            throw new UnsafePathException("refusing to create " + dir + " outside the prefix " + prefix);
        }
        if (knownDirectories.contains(dir)) {
            return;
        }
        Path current = prefix;
        for (Path part : prefix.relativize(dir)) {
            current = current.resolve(part.toString());
            if (knownDirectories.contains(current)) {
                continue;
            }
            try {
                // the common case is a new directory: create it first, look closer only when something is there
                Files.createDirectory(current);
                createdDirectories.add(current);
                knownDirectories.add(current);
                continue;
            } catch (FileAlreadyExistsException e) {
                // checked below: a directory, a link (leading where?) or a file
            }
            if (Files.isSymbolicLink(current)) {
                Path real;
                try {
                    real = current.toRealPath();
                } catch (IOException e) {
                    throw new UnsafePathException(
                            "'" + prefix.relativize(current) + "' in the prefix is a dangling link");
                }
                if (!real.startsWith(realPrefix)) {
                    throw new UnsafePathException("'" + prefix.relativize(current)
                            + "' in the prefix is a link leading outside it, to " + real);
                }
                if (!Files.isDirectory(real)) {
                    throw new InstallException("'" + prefix.relativize(current) + "' is not a directory");
                }
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw new InstallException("cannot create directory '" + prefix.relativize(current)
                        + "': a file of that name exists in the prefix");
            }
            knownDirectories.add(current);
        }
    }

    /** Removes the directories created for the current record that are empty again (after a failed record). */
    void removeCreatedDirectories() {
        for (int i = createdDirectories.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(createdDirectories.get(i));
            } catch (IOException e) {
                // not empty (something else lives there) or gone: keep it
            }
        }
        createdDirectories.clear();
        knownDirectories.clear();
    }

    /** Writes bytes to {@code relative} with the permissions and modification time of {@code modelFile}. */
    void write(String relative, byte[] data, Path modelFile) throws IOException {
        Path target = prepare(relative);
        Path tmp = newStagingFile();
        Files.write(tmp, data);
        if (modelFile != null) {
            copyMode(modelFile, tmp);
            Files.setLastModifiedTime(tmp, Files.getLastModifiedTime(modelFile));
        }
        moveIntoPlace(tmp, target);
    }

    /** Writes bytes to {@code relative} with the given permissions and modification time (generated files). */
    void write(String relative, byte[] data, Set<PosixFilePermission> perms, FileTime mtime) throws IOException {
        Path target = prepare(relative);
        Path tmp = newStagingFile();
        Files.write(tmp, data);
        setMode(tmp, perms);
        if (mtime != null) {
            Files.setLastModifiedTime(tmp, mtime);
        }
        moveIntoPlace(tmp, target);
    }

    /**
     * Hard-links {@code source} to {@code relative}, or copies it (mode and time kept) when {@code hardlink} is false
     * or the file system refuses the link (another device, no link support). Returns true when it hard-linked.
     */
    boolean linkOrCopy(String relative, Path source, boolean hardlink) throws IOException {
        Path target = prepare(relative);
        if (hardlink && !hardlinksRefused) {
            // a new hard link appears whole, so it may go straight to its final name; only replacing an existing
            // file needs the staged rename
            try {
                createLink(target, source);
                return true;
            } catch (FileAlreadyExistsException e) {
                // fall through to staging
            } catch (IOException | UnsupportedOperationException e) {
                // another device, or a file system without hard links: copy this file and every later one
                hardlinksRefused = true;
            }
        }
        Path tmp = newStagingFile();
        boolean linked = false;
        if (hardlink && !hardlinksRefused) {
            try {
                Files.createLink(tmp, source);
                linked = true;
            } catch (IOException | UnsupportedOperationException e) {
                hardlinksRefused = true;
                Files.deleteIfExists(tmp);
            }
        }
        if (!linked) {
            Files.copy(
                    source,
                    tmp,
                    StandardCopyOption.COPY_ATTRIBUTES,
                    StandardCopyOption.REPLACE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS);
        }
        moveIntoPlace(tmp, target);
        return linked;
    }

    /** Hard-links, re-creating the target's directory once if it vanished since this writer checked it. */
    private void createLink(Path target, Path source) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (NoSuchFileException e) {
            if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                throw e;
            }
            knownDirectories.clear();
            ensureDirectories(target.getParent());
            Files.createLink(target, source);
        }
    }

    /** Creates a symbolic link {@code relative -> linkTarget}; the target must resolve inside the prefix. */
    void symlink(String relative, String linkTarget) throws IOException {
        String clean = resolve(relative).toString().substring(prefix.toString().length() + 1);
        if (!SafePaths.linkStaysInside(clean, linkTarget)) {
            throw new UnsafePathException(
                    "refusing symbolic link '" + relative + "' -> '" + linkTarget + "': its target leaves the prefix");
        }
        Path target = prepare(relative);
        try {
            Files.createSymbolicLink(target, Path.of(linkTarget)); // atomic: a link is whole when it appears
            return;
        } catch (FileAlreadyExistsException e) {
            // replace it through the staging directory
        }
        Path tmp = newStagingPath();
        Files.createSymbolicLink(tmp, Path.of(linkTarget));
        moveIntoPlace(tmp, target);
    }

    /** Creates a directory (and parents) inside the prefix. */
    void directory(String relative) throws IOException {
        ensureDirectories(resolve(relative));
    }

    private Path newStagingFile() throws IOException {
        Path p = newStagingPath();
        Files.deleteIfExists(p);
        return p;
    }

    private Path newStagingPath() throws IOException {
        if (!stagingPresent) {
            if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
                if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(staging);
                }
                Files.createDirectory(staging);
            }
            stagingPresent = true;
        }
        return staging.resolve(Long.toString(counter++));
    }

    private void moveIntoPlace(Path tmp, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(tmp);
            throw new InstallException(
                    "cannot write '" + prefix.relativize(target) + "': a directory of that name exists in the prefix");
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // the target directory is on another file system (a mount inside the prefix): stage beside it instead
            Path sibling = target.resolveSibling("." + target.getFileName() + ".terrarium-tmp");
            Files.move(tmp, sibling, StandardCopyOption.REPLACE_EXISTING);
            Files.move(sibling, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    static void copyMode(Path from, Path to) throws IOException {
        try {
            Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to keep
        }
    }

    static void setMode(Path file, Set<PosixFilePermission> perms) throws IOException {
        try {
            Files.setPosixFilePermissions(file, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
