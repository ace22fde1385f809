package io.terrarium.conda.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts tar streams into a fresh directory, refusing anything that could write outside it or exhaust the disk.
 *
 * <p>Refused with {@link UnsafePackageException}: absolute names, {@code ..} components, entries beneath a symbolic
 * link, symbolic links whose target (followed through the links already extracted) leaves the directory, hard links
 * to anything but a regular file extracted before, device files and fifos, and expansion beyond
 * {@link ExtractionLimits}. Modes keep the owner/group/other read and execute bits (write only for the owner;
 * setuid, setgid and sticky bits are dropped); modification times are kept. Several tar streams may be extracted into
 * the same directory by one instance (the two halves of a {@code .conda}); {@link #finish()} then re-checks every
 * link against the final tree and applies directory modes.
 */
public final class TarExtractor {
    private static final int BUFFER = 64 * 1024;
    private static final int MAX_LINK_HOPS = 40;

    private final Path root;
    private final ExtractionLimits limits;
    private final Set<String> directories = new HashSet<>();
    private final Map<String, String> symlinks = new LinkedHashMap<>();
    private final Map<String, ExtractionResult.FileDigest> files = new LinkedHashMap<>();
    private final Map<String, Integer> directoryModes = new HashMap<>();
    private final byte[] buffer = new byte[BUFFER];
    private final MessageDigest sha256;
    private long totalBytes;
    private long entries;
    private long compressedBase;

    /** An extractor into {@code root}, which must be an empty or absent directory. */
    public TarExtractor(Path root, ExtractionLimits limits) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.limits = limits;
        Files.createDirectories(this.root);
        try (var s = Files.list(this.root)) {
            if (s.findAny().isPresent()) {
                throw new IOException("extraction target " + root + " is not empty");
            }
        }
        this.sha256 = Sha256.newDigest();
    }

    /**
     * Extracts one uncompressed tar stream (for example conda's {@code tar_traversal} fixtures), checking and
     * finishing it: the convenience entry point for a raw tar.
     */
    public static ExtractionResult extractTar(InputStream tar, Path root, ExtractionLimits limits) throws IOException {
        TarExtractor x = new TarExtractor(root, limits);
        long[] count = {0};
        InputStream counted = new java.io.FilterInputStream(tar) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                count[0] += Math.max(n, 0);
                return n;
            }
        };
        x.extract(counted, () -> count[0]);
        return x.finish();
    }

    /**
     * Extracts the entries of an uncompressed tar stream. {@code compressedBytes} reports how many compressed bytes
     * have been consumed so far (for the expansion-ratio guard); pass the uncompressed count for a raw tar.
     */
    public void extract(InputStream tarStream, LongSupplier compressedBytes) throws IOException {
        long base = compressedBase;
        LongSupplier compressed = () -> base + compressedBytes.getAsLong();
        TarHeaderGuard guard = new TarHeaderGuard(tarStream);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(guard)) {
            TarArchiveEntry entry;
            while (true) {
                guard.enterHeader();
                entry = nextEntry(tar);
                guard.leaveHeader();
                if (entry == null) {
                    break;
                }
                if (++entries > limits.maxEntries()) {
                    throw new UnsafePackageException("archive holds more than " + limits.maxEntries() + " entries");
                }
                extractEntry(tar, entry, compressed);
                drain(tar, entry);
            }
        }
        compressedBase = compressed.getAsLong();
    }

    /** Reads what is left of an entry's data (a link or directory declaring a size), within the total cap. */
    private void drain(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException {
        int n;
        while ((n = tar.read(buffer)) > 0) {
            totalBytes += n;
            if (totalBytes > limits.maxTotalBytes()) {
                throw new UnsafePackageException("archive entry " + SafePaths.printable(entry.getName())
                        + " carries data beyond the extraction limit of " + limits.maxTotalBytes() + " bytes in all");
            }
        }
    }

    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new InvalidPackageException("corrupt tar header: " + e.getMessage(), e);
        }
    }

    private void extractEntry(TarArchiveInputStream tar, TarArchiveEntry entry, LongSupplier compressed)
            throws IOException {
        String rawName = entry.getName();
        if (isRootName(rawName)) {
            return; // "./" or "." : the destination itself
        }
        String name;
        try {
            name = SafePaths.checkRelative(rawName);
        } catch (IllegalArgumentException e) {
            throw new UnsafePackageException("refusing archive entry: " + e.getMessage());
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            throw new UnsafePackageException("refusing archive entry " + SafePaths.printable(name)
                    + ": device files and fifos are not allowed in packages");
        }
        if (entry.isSparse()) {
            throw new InvalidPackageException("archive entry " + SafePaths.printable(name)
                    + " is a sparse file, which conda packages do not use");
        }
        Path target = root.resolve(name);
        ensureParent(name);
        if (entry.isDirectory()) {
            makeDirectory(name, target);
            directoryModes.put(name, entry.getMode());
        } else if (entry.isSymbolicLink()) {
            String linkTarget = entry.getLinkName();
            if (linkTarget == null || linkTarget.isEmpty()) {
                // Linux cannot hold an empty symlink; early .conda writers produced such entries where the
                // .tar.bz2 twin has an empty regular file (conda's zlib fixtures), so write that instead.
                writeFile(tar, name, target, 0, 0644, entry, compressed);
                return;
            }
            if (!linkTargetInside(name, linkTarget)) {
                throw new UnsafePackageException("refusing symbolic link " + SafePaths.printable(name) + " -> "
                        + SafePaths.printable(linkTarget) + ": it points outside the package");
            }
            removeExisting(name, target);
            Files.createSymbolicLink(target, Path.of(linkTarget));
            symlinks.put(name, linkTarget);
        } else if (entry.isLink()) {
            String linkName;
            try {
                linkName = SafePaths.checkRelative(entry.getLinkName());
            } catch (IllegalArgumentException e) {
                throw new UnsafePackageException(
                        "refusing hard link " + SafePaths.printable(name) + ": " + e.getMessage());
            }
            ExtractionResult.FileDigest source = files.get(linkName);
            if (source == null) {
                throw new UnsafePackageException("refusing hard link " + SafePaths.printable(name) + " -> "
                        + SafePaths.printable(linkName) + ": the target is not a file extracted before it");
            }
            removeExisting(name, target);
            Files.createLink(target, root.resolve(linkName));
            files.put(name, source);
        } else if (entry.isFile()) {
            writeFile(tar, name, target, entry.getSize(), fileMode(entry.getMode()), entry, compressed);
        } else {
            throw new UnsafePackageException("refusing archive entry " + SafePaths.printable(name)
                    + " of unsupported tar type '" + (char) entry.getLinkFlag() + "'");
        }
    }

    private static boolean isRootName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && c != '/') {
                return false;
            }
        }
        return !name.contains("..");
    }

    private void writeFile(
            InputStream in,
            String name,
            Path target,
            long declared,
            int mode,
            TarArchiveEntry entry,
            LongSupplier compressed)
            throws IOException {
        if (declared < 0 || declared > limits.maxTotalBytes() - totalBytes) {
            throw new UnsafePackageException("archive entry " + SafePaths.printable(name) + " declares " + declared
                    + " bytes, beyond the extraction limit of " + limits.maxTotalBytes() + " bytes in all");
        }
        removeExisting(name, target);
        sha256.reset();
        long written = 0;
        long compressedAtStart = compressed.getAsLong();
        try (OutputStream out =
                Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while (written < declared
                    && (n = in.read(buffer, 0, (int) Math.min(buffer.length, declared - written))) > 0) {
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                written += n;
                totalBytes += n;
                if (written > limits.ratioThresholdBytes()) {
                    checkRatio(name, written, compressed.getAsLong() - compressedAtStart);
                }
                if (totalBytes > limits.ratioThresholdBytes()) {
                    checkRatio("the archive", totalBytes, compressed.getAsLong());
                }
            }
        } catch (IOException e) {
            if (e instanceof PackageException) {
                throw e;
            }
            if (e.getMessage() != null && e.getMessage().toLowerCase().contains("truncated")) {
                throw new InvalidPackageException(
                        "archive entry " + SafePaths.printable(name) + " is truncated: " + e.getMessage(), e);
            }
            throw e;
        }
        if (written != declared) {
            throw new InvalidPackageException("archive entry " + SafePaths.printable(name) + " declares " + declared
                    + " bytes but holds " + written);
        }
        if (mode != 0644) {
            Files.setPosixFilePermissions(target, permissions(mode));
        }
        if (entry.getLastModifiedDate() != null) {
            Files.setLastModifiedTime(
                    target, FileTime.fromMillis(entry.getLastModifiedDate().getTime()));
        }
        files.put(name, new ExtractionResult.FileDigest(Sha256.hex(sha256), written));
    }

    private void checkRatio(String what, long written, long compressedBytes) throws UnsafePackageException {
        if (written > limits.maxRatio() * Math.max(1, compressedBytes)) {
            throw new UnsafePackageException(
                    "refusing " + (what.startsWith("the ") ? what : "archive entry " + SafePaths.printable(what))
                            + ": it expands " + written + " bytes from " + compressedBytes
                            + " compressed bytes, beyond the ratio limit of " + limits.maxRatio()
                            + ":1 (a decompression bomb?)");
        }
    }

    /** Owner read/write, group/other read; execute bits as the archive says; no setuid/setgid/sticky. */
    private static int fileMode(int tarMode) {
        return (tarMode & 0555) | 0600;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = {
            PosixFilePermission.OTHERS_EXECUTE,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(all[i]);
            }
        }
        return s;
    }

    /** Creates the parent directories of an entry, refusing to pass through a symbolic link or a file. */
    private void ensureParent(String name) throws IOException {
        int slash = name.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        String parent = name.substring(0, slash);
        if (directories.contains(parent)) {
            return;
        }
        int from = 0;
        while (from <= parent.length()) {
            int next = parent.indexOf('/', from);
            if (next < 0) {
                next = parent.length();
            }
            String prefix = parent.substring(0, next);
            if (!directories.contains(prefix)) {
                if (symlinks.containsKey(prefix)) {
                    throw new UnsafePackageException("refusing archive entry " + SafePaths.printable(name)
                            + ": it lies beneath the symbolic link " + SafePaths.printable(prefix));
                }
                makeDirectory(prefix, root.resolve(prefix));
            }
            from = next + 1;
        }
    }

    private void makeDirectory(String name, Path target) throws IOException {
        if (directories.contains(name)) {
            return;
        }
        if (symlinks.containsKey(name)) {
            throw new UnsafePackageException("refusing directory " + SafePaths.printable(name)
                    + ": a symbolic link of that name was extracted before");
        }
        if (files.containsKey(name)) {
            throw new InvalidPackageException(
                    "archive holds both a file and a directory named " + SafePaths.printable(name));
        }
        try {
            Files.createDirectory(target);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new UnsafePackageException(
                        "refusing directory " + SafePaths.printable(name) + ": something else exists at that path");
            }
        }
        directories.add(name);
    }

    /** A later entry of the same name replaces an earlier file or link (tar semantics), never a directory. */
    private void removeExisting(String name, Path target) throws IOException {
        if (directories.contains(name)) {
            throw new InvalidPackageException(
                    "archive holds both a directory and a non-directory named " + SafePaths.printable(name));
        }
        if (files.remove(name) != null || symlinks.remove(name) != null) {
            Files.deleteIfExists(target);
        }
    }

    /** Follows {@code target} from the link's directory through the links extracted so far; false if it escapes. */
    private boolean linkTargetInside(String linkPath, String target) {
        Deque<String> stack = new ArrayDeque<>();
        String[] parts = linkPath.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            stack.addLast(parts[i]);
        }
        return walk(stack, target, new int[] {0});
    }

    private boolean walk(Deque<String> stack, String target, int[] hops) {
        if (target.isEmpty() || target.startsWith("/") || target.indexOf('\0') >= 0) {
            return false;
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (stack.isEmpty()) {
                    return false;
                }
                stack.removeLast();
                continue;
            }
            stack.addLast(part);
            String through = symlinks.get(String.join("/", stack));
            if (through != null) {
                if (++hops[0] > MAX_LINK_HOPS) {
                    return false;
                }
                stack.removeLast();
                if (!walk(stack, through, hops)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Re-checks every symbolic link against the final tree (a later link could change where an earlier one
     * leads), applies directory modes, and returns what was written.
     */
    public ExtractionResult finish() throws IOException {
        for (Map.Entry<String, String> e : symlinks.entrySet()) {
            if (!linkTargetInside(e.getKey(), e.getValue())) {
                throw new UnsafePackageException("refusing symbolic link " + SafePaths.printable(e.getKey()) + " -> "
                        + SafePaths.printable(e.getValue()) + ": it points outside the package");
            }
        }
        List<String> dirs = new ArrayList<>(directoryModes.keySet());
        for (String d : dirs) {
            int mode = (directoryModes.get(d) & 0755) | 0700;
            if (mode != 0755) {
                Files.setPosixFilePermissions(root.resolve(d), permissions(mode));
            }
        }
        return new ExtractionResult(Map.copyOf(files), Map.copyOf(symlinks), totalBytes);
    }
}
