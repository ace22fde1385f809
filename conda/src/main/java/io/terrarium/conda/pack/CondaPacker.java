package io.terrarium.conda.pack;

import io.terrarium.conda.install.PrefixData;
import io.terrarium.conda.install.PrefixPath;
import io.terrarium.conda.install.PrefixRecord;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Packs a conda environment into a relocatable {@code .tar.gz} (or {@code .tar}) in conda-pack's layout: the
 * environment's files at the archive root, symlinks kept, {@code conda-meta} records stripped of cache paths, and
 * {@code bin/conda-unpack}, {@code bin/activate}, {@code bin/deactivate} added.
 *
 * <p>As in conda-pack, files installed with a prefix placeholder are packed from the package cache (still holding the
 * original placeholder, so binaries keep their full 255-byte room) and listed for {@code conda-unpack} with that
 * placeholder and mode; when the cache copy is gone the installed file is packed with the environment's path as the
 * placeholder. Any other text file that holds the environment's path (entry points, pip installs) is listed as text;
 * other binaries holding it (compiled {@code .pyc}) are left as they are, as conda-pack does on Unix. Scripts in
 * {@code bin/} whose only prefix use is their shebang get {@code #!/usr/bin/env <program>} at pack time and need no
 * rewrite. The archive is written to a temporary file and renamed, so a failed pack leaves nothing behind.
 */
public final class CondaPacker {
    /** Files of a conda base environment that a packed environment must not carry (conda-pack drops them too). */
    private static final Set<String> EXCLUDED =
            Set.of("bin/conda", "bin/activate", "bin/deactivate", "bin/conda-unpack", "conda-meta/.terrarium-lock");

    private static final Pattern SITE_PACKAGES =
            Pattern.compile("(?:lib/python[0-9.]+t?/site-packages|Lib/site-packages)/(.*)");
    /** Files larger than this are streamed into the archive without looking for the prefix in them. */
    private static final long SCAN_LIMIT = 256L * 1024 * 1024;

    private final int compressionLevel;

    /** A packer with gzip level 4 (conda-pack's default: most of level 9's ratio at a fraction of its time). */
    public CondaPacker() {
        this(4);
    }

    public CondaPacker(int compressionLevel) {
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw new IllegalArgumentException("gzip level must be 1..9, got " + compressionLevel);
        }
        this.compressionLevel = compressionLevel;
    }

    /**
     * Packs {@code prefix} into {@code output} ({@code .tar.gz}, {@code .tgz} or {@code .tar}).
     *
     * @throws PackException when {@code prefix} is not a conda environment (no {@code conda-meta}), the output lies
     *                       inside it or has an unsupported extension
     */
    public PackResult pack(Path prefix, Path output) throws IOException {
        Path env = prefix.toAbsolutePath().normalize();
        Path out = output.toAbsolutePath().normalize();
        if (!Files.isDirectory(env)) {
            throw new PackException("cannot pack " + env + ": no such directory");
        }
        if (!Files.isDirectory(env.resolve(PrefixData.CONDA_META))) {
            throw new PackException("cannot pack " + env + ": it is not a conda environment (no conda-meta directory)");
        }
        if (out.startsWith(env)) {
            throw new PackException("cannot write the archive " + out + " inside the environment it packs");
        }
        String lower = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean gzip = lower.endsWith(".tar.gz") || lower.endsWith(".tgz");
        if (!gzip && !lower.endsWith(".tar")) {
            throw new PackException(
                    "cannot write " + out.getFileName() + ": the archive name must end in .tar.gz, .tgz or .tar");
        }

        String envPath = env.toString();
        List<String> warnings = new ArrayList<>();
        Map<String, Source> placeholders = placeholderSources(env, envPath, warnings);
        Files.createDirectories(out.getParent());
        Path tmp = Files.createTempFile(out.getParent(), "." + out.getFileName(), ".partial");
        try {
            List<UnpackEntry> rewrites = new ArrayList<>();
            int count;
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                    OutputStream compressed = gzip ? new GzipCompressorOutputStream(file, gzipParameters()) : file;
                    TarArchiveOutputStream tar =
                            new TarArchiveOutputStream(compressed, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                tar.setAddPaxHeadersForNonAsciiNames(true);
                count = writeTree(tar, env, envPath, placeholders, rewrites);
                rewrites.add(new UnpackEntry("bin/activate", envPath, "text"));
                rewrites.sort(java.util.Comparator.comparing(UnpackEntry::path));
                addBytes(tar, "bin/conda-unpack", UnpackScripts.condaUnpack(rewrites), 0755);
                addBytes(tar, "bin/activate", UnpackScripts.activate(envPath), 0755);
                addBytes(tar, "bin/deactivate", UnpackScripts.deactivate(), 0755);
                count += 3;
                tar.finish();
            }
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return new PackResult(out, count, rewrites, warnings);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private GzipParameters gzipParameters() {
        GzipParameters p = new GzipParameters();
        p.setCompressionLevel(compressionLevel);
        return p;
    }

    /** Where a file with a placeholder is packed from, and what conda-unpack replaces in it. */
    private record Source(Path file, String placeholder, String mode) {}

    /** The installed files that had a placeholder, mapped to their package-cache copy where it is intact. */
    private static Map<String, Source> placeholderSources(Path env, String envPath, List<String> warnings)
            throws IOException {
        Map<String, Source> out = new HashMap<>();
        for (PrefixRecord r : PrefixData.load(env).records()) {
            String extracted = r.extractedPackageDir();
            Path cache = extracted == null || extracted.isBlank() ? null : Path.of(extracted);
            boolean noarchPython = "python".equals(r.record().noarch());
            for (PrefixPath p : r.paths()) {
                if (p.prefixPlaceholder() == null || p.prefixPlaceholder().isEmpty()) {
                    continue;
                }
                if (p.pathType().equals("softlink") || p.pathType().equals("directory")) {
                    continue;
                }
                String mode = "binary".equals(p.fileMode()) ? "binary" : "text";
                Path cached = cache == null ? null : cacheCopy(cache, p, noarchPython);
                if (cached != null) {
                    out.put(p.path(), new Source(cached, p.prefixPlaceholder(), mode));
                } else {
                    out.put(p.path(), new Source(env.resolve(p.path()), envPath, mode));
                    warnings.add(r.record().dist() + ": the package cache copy of " + p.path() + " is gone; packed the"
                            + " installed file"
                            + (mode.equals("binary")
                                    ? " (it unpacks only into paths of at most " + envPath.length() + " bytes)"
                                    : ""));
                }
            }
        }
        return out;
    }

    /** The cache file a prefix path came from, if it is still there with the content the package shipped. */
    private static Path cacheCopy(Path cache, PrefixPath p, boolean noarchPython) throws IOException {
        List<String> candidates = new ArrayList<>();
        candidates.add(p.path());
        if (noarchPython) {
            Matcher m = SITE_PACKAGES.matcher(p.path());
            if (m.matches()) {
                candidates.add("site-packages/" + m.group(1));
            }
            if (p.path().startsWith("bin/")) {
                candidates.add("python-scripts/" + p.path().substring(4));
            }
        }
        for (String c : candidates) {
            Path f = cache.resolve(c).normalize();
            if (!f.startsWith(cache) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            if (p.sha256() != null
                    ? p.sha256().equalsIgnoreCase(Sha256.of(f))
                    : contains(Files.readAllBytes(f), p.prefixPlaceholder().getBytes(StandardCharsets.UTF_8))) {
                return f;
            }
        }
        return null;
    }

    private int writeTree(
            TarArchiveOutputStream tar,
            Path env,
            String envPath,
            Map<String, Source> placeholders,
            List<UnpackEntry> rewrites)
            throws IOException {
        TreeMap<String, Path> paths = new TreeMap<>();
        Files.walkFileTree(env, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(env)) {
                    paths.put(relative(env, dir) + "/", dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                paths.put(relative(env, file), file);
                return FileVisitResult.CONTINUE;
            }
        });
        byte[] envBytes = envPath.getBytes(StandardCharsets.UTF_8);
        int count = 0;
        for (Map.Entry<String, Path> e : paths.entrySet()) {
            String rel = e.getKey();
            Path file = e.getValue();
            if (EXCLUDED.contains(rel)) {
                continue;
            }
            BasicFileAttributes attrs =
                    Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            int perms = permissions(file);
            if (attrs.isSymbolicLink()) {
                TarArchiveEntry t = new TarArchiveEntry(rel, TarConstants.LF_SYMLINK);
                t.setLinkName(Files.readSymbolicLink(file).toString());
                t.setMode(0120777);
                t.setModTime(attrs.lastModifiedTime());
                tar.putArchiveEntry(t);
                tar.closeArchiveEntry();
            } else if (attrs.isDirectory()) {
                TarArchiveEntry t = new TarArchiveEntry(rel);
                t.setMode(040000 | perms);
                t.setModTime(attrs.lastModifiedTime());
                tar.putArchiveEntry(t);
                tar.closeArchiveEntry();
            } else if (attrs.isRegularFile()) {
                writeFile(tar, rel, file, attrs, perms, placeholders.get(rel), envPath, envBytes, rewrites);
            } else {
                continue; // sockets, fifos, devices: not part of an environment
            }
            count++;
        }
        return count;
    }

    private static void writeFile(
            TarArchiveOutputStream tar,
            String rel,
            Path file,
            BasicFileAttributes attrs,
            int perms,
            Source source,
            String envPath,
            byte[] envBytes,
            List<UnpackEntry> rewrites)
            throws IOException {
        TarArchiveEntry t = new TarArchiveEntry(rel);
        t.setMode(0100000 | perms);
        t.setModTime(attrs.lastModifiedTime());
        if (source == null && attrs.size() > SCAN_LIMIT) {
            t.setSize(attrs.size());
            tar.putArchiveEntry(t);
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
            return;
        }
        byte[] data;
        String placeholder;
        String mode;
        if (source != null) {
            data = Files.readAllBytes(source.file());
            placeholder = source.placeholder();
            mode = source.mode();
        } else {
            data = Files.readAllBytes(file);
            placeholder = envPath;
            mode = contains(data, envBytes) && isText(data) ? "text" : null;
        }
        if (rel.endsWith(".json") && rel.startsWith(PrefixData.CONDA_META + "/") && rel.indexOf('/', 11) < 0) {
            data = stripCachePaths(data, rel);
            mode = mode == null ? null : "text";
        }
        if (mode != null) {
            byte[] fixed = mode.equals("text") && rel.startsWith("bin/") ? shebangToEnv(data, placeholder) : null;
            if (fixed != null) {
                data = fixed;
            } else if (contains(data, placeholder.getBytes(StandardCharsets.UTF_8))) {
                rewrites.add(new UnpackEntry(rel, placeholder, mode));
            }
        }
        t.setSize(data.length);
        tar.putArchiveEntry(t);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    /** conda-meta records carry the package cache paths of this machine; conda-pack blanks them. */
    private static byte[] stripCachePaths(byte[] data, String rel) {
        Map<String, Object> record;
        try {
            record = Json.parseObject(new String(data, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new PackException(
                    "cannot pack " + rel + ": it is not a valid conda-meta JSON record (" + e.getMessage() + ")");
        }
        if (record.containsKey("extracted_package_dir")) {
            record.put("extracted_package_dir", "");
        }
        if (record.containsKey("package_tarball_full_path")) {
            record.put("package_tarball_full_path", "");
        }
        if (record.get("link") instanceof Map<?, ?> link) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            link.forEach((k, v) -> copy.put(String.valueOf(k), v));
            copy.put("source", "");
            record.put("link", copy);
        }
        return Json.toBytes(record, true);
    }

    /**
     * {@code #!<placeholder>/bin/prog args} as the only use of the placeholder becomes {@code #!/usr/bin/env prog args},
     * which runs wherever the archive is unpacked; null when that does not apply.
     */
    static byte[] shebangToEnv(byte[] data, String placeholder) {
        byte[] start = ("#!" + placeholder + "/").getBytes(StandardCharsets.UTF_8);
        if (!startsWith(data, start)) {
            return null;
        }
        byte[] ph = placeholder.getBytes(StandardCharsets.UTF_8);
        if (indexOf(data, ph, start.length) >= 0) {
            return null;
        }
        int eol = indexOf(data, new byte[] {'\n'}, 0);
        int end = eol < 0 ? data.length : eol;
        String line = new String(data, 0, end, StandardCharsets.UTF_8);
        String body = line.substring(2 + placeholder.length() + 1);
        int space = body.indexOf(' ');
        String exe = space < 0 ? body : body.substring(0, space);
        String args = space < 0 ? "" : body.substring(space);
        String program = exe.substring(exe.lastIndexOf('/') + 1);
        if (program.isEmpty()) {
            return null;
        }
        byte[] head = ("#!/usr/bin/env " + program + args).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + data.length - end];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(data, end, out, head.length, data.length - end);
        return out;
    }

    private static void addBytes(TarArchiveOutputStream tar, String name, byte[] data, int perms) throws IOException {
        TarArchiveEntry t = new TarArchiveEntry(name);
        t.setMode(0100000 | perms);
        t.setSize(data.length);
        t.setModTime(System.currentTimeMillis());
        tar.putArchiveEntry(t);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static int permissions(Path p) throws IOException {
        try {
            Set<PosixFilePermission> set = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission perm : set) {
                mode |= 1 << (8 - perm.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException e) {
            return Files.isDirectory(p) || Files.isExecutable(p) ? 0755 : 0644;
        }
    }

    /** Text as conda-pack decides it: no NUL byte and valid UTF-8. */
    private static boolean isText(byte[] data) {
        for (byte b : data) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(data));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private static boolean startsWith(byte[] data, byte[] prefix) {
        if (data.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean contains(byte[] data, byte[] search) {
        return indexOf(data, search, 0) >= 0;
    }

    private static int indexOf(byte[] data, byte[] search, int from) {
        if (search.length == 0) {
            return -1;
        }
        byte first = search[0];
        outer:
        for (int i = from; i <= data.length - search.length; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < search.length; j++) {
                if (data[i + j] != search[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
