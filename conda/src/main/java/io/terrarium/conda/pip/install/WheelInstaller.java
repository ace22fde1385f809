package io.terrarium.conda.pip.install;

import io.terrarium.conda.install.EntryPointScript;
import io.terrarium.conda.install.PythonCompiler;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.pip.metadata.CoreMetadata;
import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.wheel.InvalidWheelException;
import io.terrarium.conda.pip.wheel.RecordFile;
import io.terrarium.conda.pip.wheel.WheelCache;
import io.terrarium.conda.pip.wheel.WheelFilename;
import io.terrarium.conda.pkg.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Installs one wheel into a conda prefix: maps its files (root and {@code .data/<scheme>}) onto the
 * {@link SchemeLayout}, refuses any that a conda package owns, builds the result in a staging directory inside the
 * prefix (hard-linked from the cache's verified unpacked copy where it can, launchers and rewritten scripts as new
 * files), moves it into place, byte-compiles with the prefix's python, and writes {@code RECORD} last. A wheel
 * whose {@code .dist-info/RECORD} is already in place is skipped; another version of the same name is removed
 * first.
 */
public final class WheelInstaller {
    private static final long COMPILE_TIMEOUT_MILLIS = 10 * 60 * 1000L;
    /** The prefix-relative directory installs stage in (same file system as the targets, so moves are renames). */
    public static final String STAGING = ".terrarium-pip";

    private final Path prefix;
    private final SchemeLayout layout;
    private final WheelCache cache;

    public WheelInstaller(Path prefix, SchemeLayout layout, WheelCache cache) {
        this.prefix = prefix.toAbsolutePath();
        this.layout = layout;
        this.cache = cache;
    }

    /**
     * Installs a wheel from the cache.
     *
     * @param wheel     the wheel file ({@link WheelCache#fetch})
     * @param sha256    its SHA-256 (the cache key of its unpacked copy)
     * @param requested whether the user asked for it (writes {@code REQUESTED})
     * @param directUrl the URL of a direct URL requirement (writes {@code direct_url.json}), or null
     */
    public WheelInstallResult install(Path wheel, String sha256, boolean requested, String directUrl) {
        WheelFilename name = WheelFilename.parse(wheel.getFileName().toString());
        String site = layout.sitePackages();
        try {
            String hash = sha256 != null ? sha256 : Sha256.of(wheel);
            Path unpacked = cache.unpacked(wheel, hash);
            String distInfo;
            try (Stream<Path> s = Files.list(unpacked)) {
                distInfo = s.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".dist-info"))
                        .findFirst()
                        .orElseThrow();
            }
            String installedDistInfo = site + "/" + distInfo;
            if (Files.isRegularFile(prefix.resolve(installedDistInfo).resolve("RECORD"))
                    && Files.isRegularFile(prefix.resolve(installedDistInfo).resolve("INSTALLER"))) {
                List<String> files = new ArrayList<>();
                for (RecordFile.Row r : RecordFile.parse(
                        Files.readAllBytes(prefix.resolve(installedDistInfo).resolve("RECORD")))) {
                    files.add(prefixRelative(r.path()));
                }
                return new WheelInstallResult(installedDistInfo, files, true, List.of());
            }
            Map<String, Path> mapped = map(unpacked, name, distInfo);
            refuseClobber(name, mapped);
            removeOtherVersions(name, distInfo);
            return place(name, unpacked, distInfo, mapped, requested, directUrl, hash);
        } catch (InvalidWheelException e) {
            throw new WheelInstallException("cannot install " + name.filename() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new WheelInstallException(
                    "cannot install " + name.filename() + " into " + prefix + ": " + e.getMessage(), e);
        }
    }

    /** Prefix-relative target path to the unpacked source file, in a stable order. */
    private Map<String, Path> map(Path unpacked, WheelFilename name, String distInfo) throws IOException {
        String dataDir = distInfo.substring(0, distInfo.length() - ".dist-info".length()) + ".data";
        Map<String, Path> out = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(unpacked)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String rel = unpacked.relativize(f).toString().replace('\\', '/');
            if (rel.equals(distInfo + "/RECORD")
                    || rel.equals(distInfo + "/RECORD.jws")
                    || rel.equals(distInfo + "/RECORD.p7s")) {
                continue;
            }
            String target;
            if (rel.startsWith(dataDir + "/")) {
                String rest = rel.substring(dataDir.length() + 1);
                int slash = rest.indexOf('/');
                String scheme = slash < 0 ? rest : rest.substring(0, slash);
                String dir = layout.scheme(scheme, projectName(unpacked, distInfo, name));
                if (dir == null || slash < 0) {
                    throw new WheelInstallException("cannot install " + name.filename() + ": " + rel
                            + " is in an unknown .data scheme '" + scheme + "'");
                }
                String within = rest.substring(slash + 1);
                target = dir.isEmpty() ? within : dir + "/" + within;
            } else {
                target = layout.sitePackages() + "/" + rel;
            }
            if (("/" + target + "/").contains("/../") || target.startsWith("/")) {
                throw new WheelInstallException("cannot install " + name.filename() + ": unsafe path " + rel);
            }
            out.put(target, f);
        }
        return out;
    }

    /** The project name as its METADATA writes it, which names its headers directory (as pip does). */
    private static String projectName(Path unpacked, String distInfo, WheelFilename name) throws IOException {
        Path md = unpacked.resolve(distInfo).resolve("METADATA");
        if (Files.isRegularFile(md)) {
            return CoreMetadata.parse(Files.readAllBytes(md), name.filename())
                    .name()
                    .display();
        }
        return name.name().display();
    }

    private void refuseClobber(WheelFilename name, Map<String, Path> mapped) {
        CondaOwnedFiles conda = CondaOwnedFiles.of(prefix);
        List<String> clashes = new ArrayList<>();
        for (String target : mapped.keySet()) {
            String owner = conda.ownerOf(target);
            if (owner != null) {
                clashes.add(target + " (conda package " + owner + ")");
            }
        }
        if (!clashes.isEmpty()) {
            throw new PipClobberException("refusing to install " + name.filename() + ": it would overwrite "
                    + clashes.size() + " file(s) that conda packages own: "
                    + String.join(", ", clashes.subList(0, Math.min(5, clashes.size())))
                    + (clashes.size() > 5 ? ", ..." : "") + "; drop it from the pip section or the conda one");
        }
    }

    /** Uninstalls another pip-installed version of the same name (the files its RECORD lists). */
    private void removeOtherVersions(WheelFilename name, String distInfo) throws IOException {
        Path site = prefix.resolve(layout.sitePackages());
        if (!Files.isDirectory(site)) {
            return;
        }
        List<Path> others;
        try (Stream<Path> s = Files.list(site)) {
            others = s.filter(p -> {
                        String n = p.getFileName().toString();
                        if (!n.endsWith(".dist-info") || n.equals(distInfo)) {
                            return false;
                        }
                        String stem = n.substring(0, n.length() - ".dist-info".length());
                        int dash = stem.lastIndexOf('-');
                        return dash > 0
                                && PackageName.normalize(stem.substring(0, dash))
                                        .equals(name.name().normalized())
                                && Files.isRegularFile(p.resolve("INSTALLER"));
                    })
                    .toList();
        }
        for (Path other : others) {
            Path record = other.resolve("RECORD");
            if (Files.isRegularFile(record)) {
                for (RecordFile.Row r : RecordFile.parse(Files.readAllBytes(record))) {
                    Path p = prefix.resolve(prefixRelative(r.path())).normalize();
                    if (p.startsWith(prefix)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            deleteTree(other);
        }
    }

    private WheelInstallResult place(
            WheelFilename name,
            Path unpacked,
            String distInfo,
            Map<String, Path> mapped,
            boolean requested,
            String directUrl,
            String sha256)
            throws IOException {
        String site = layout.sitePackages();
        String metaDir = site + "/" + distInfo;
        Path stagingRoot = Files.createDirectories(prefix.resolve(STAGING));
        try (Stream<Path> s = Files.list(stagingRoot)) {
            // what an install of this wheel killed mid-way left behind
            for (Path stale : s.filter(p -> p.getFileName()
                            .toString()
                            .startsWith(name.name().normalized() + "-" + name.version() + "-"))
                    .toList()) {
                deleteTree(stale);
            }
        }
        Path staging = stagingRoot.resolve(name.name().normalized() + "-" + name.version() + "-" + UUID.randomUUID());
        String python = prefix.resolve(layout.python()).toString();
        String shebang = EntryPointScript.shebang(python);
        try {
            List<String> placed = new ArrayList<>();
            for (Map.Entry<String, Path> e : mapped.entrySet()) {
                Path dest = staging.resolve(e.getKey());
                Files.createDirectories(dest.getParent());
                boolean script = e.getKey().startsWith(layout.scripts() + "/");
                byte[] rewritten = script ? rewriteShebang(Files.readAllBytes(e.getValue()), shebang) : null;
                if (rewritten != null) {
                    Files.write(dest, rewritten);
                } else {
                    linkOrCopy(e.getValue(), dest);
                }
                if (script) {
                    dest.toFile().setExecutable(true, false);
                }
                placed.add(e.getKey());
            }
            Path entryPoints = unpacked.resolve(distInfo).resolve("entry_points.txt");
            if (Files.isRegularFile(entryPoints)) {
                for (EntryPoints.Script s : EntryPoints.parse(Files.readAllBytes(entryPoints), name.filename())) {
                    String rel = layout.scripts() + "/" + s.command() + (layout.windows() ? "-script.py" : "");
                    Path dest = staging.resolve(rel);
                    Files.createDirectories(dest.getParent());
                    Files.writeString(dest, EntryPoints.launcher(s, shebang), StandardCharsets.UTF_8);
                    dest.toFile().setExecutable(true, false);
                    if (!placed.contains(rel)) {
                        placed.add(rel);
                    }
                }
            }
            Files.createDirectories(staging.resolve(metaDir));
            Files.writeString(staging.resolve(metaDir + "/INSTALLER"), "terrarium\n", StandardCharsets.UTF_8);
            placed.add(metaDir + "/INSTALLER");
            if (requested) {
                Files.write(staging.resolve(metaDir + "/REQUESTED"), new byte[0]);
                placed.add(metaDir + "/REQUESTED");
            }
            if (directUrl != null) {
                Map<String, Object> du = new LinkedHashMap<>();
                du.put("url", directUrl);
                du.put("archive_info", Map.of("hash", "sha256=" + sha256, "hashes", Map.of("sha256", sha256)));
                Files.writeString(
                        staging.resolve(metaDir + "/direct_url.json"), Json.write(du), StandardCharsets.UTF_8);
                placed.add(metaDir + "/direct_url.json");
            }
            List<RecordFile.Row> rows = new ArrayList<>();
            for (String rel : placed) {
                Path staged = staging.resolve(rel);
                rows.add(new RecordFile.Row(
                        recordPath(rel), "sha256=" + recordHash(staged), Long.toString(Files.size(staged))));
                Path dest = prefix.resolve(rel);
                Files.createDirectories(dest.getParent());
                move(staged, dest);
            }
            List<String> warnings = new ArrayList<>();
            List<String> py = placed.stream()
                    .filter(p -> p.startsWith(site + "/") && p.endsWith(".py"))
                    .toList();
            PythonCompiler compiler = new PythonCompiler(prefix, layout.pythonInfo());
            if (!py.isEmpty() && compiler.interpreter() != null) {
                for (String pyc : compiler.compile(py, warnings, COMPILE_TIMEOUT_MILLIS)) {
                    rows.add(new RecordFile.Row(recordPath(pyc), "", ""));
                    placed.add(pyc);
                }
            }
            rows.add(new RecordFile.Row(recordPath(metaDir + "/RECORD"), "", ""));
            placed.add(metaDir + "/RECORD");
            Path record = staging.resolve("RECORD.tmp");
            Files.write(record, RecordFile.write(rows));
            move(record, prefix.resolve(metaDir + "/RECORD"));
            return new WheelInstallResult(metaDir, placed, false, warnings);
        } finally {
            deleteTree(staging);
            try {
                Files.deleteIfExists(staging.getParent());
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // another install is staging beside this one
            }
        }
    }

    /** A {@code #!python} / {@code #!pythonw} script from {@code .data/scripts} gets the env's python, else null. */
    private static byte[] rewriteShebang(byte[] content, String shebang) {
        String head = new String(content, 0, Math.min(content.length, 16), StandardCharsets.ISO_8859_1);
        if (!head.startsWith("#!python")) {
            return null;
        }
        int nl = 0;
        while (nl < content.length && content[nl] != '\n') {
            nl++;
        }
        byte[] sb = shebang.getBytes(StandardCharsets.UTF_8);
        int rest = Math.min(content.length, nl + 1);
        byte[] out = new byte[sb.length + content.length - rest];
        System.arraycopy(sb, 0, out, 0, sb.length);
        System.arraycopy(content, rest, out, sb.length, content.length - rest);
        return out;
    }

    /** A RECORD path: relative to site-packages, as pip writes them ({@code ../../../bin/x}). */
    private String recordPath(String prefixRelative) {
        Path site = Path.of(layout.sitePackages());
        return site.relativize(Path.of(prefixRelative)).toString().replace('\\', '/');
    }

    private String prefixRelative(String recordPath) {
        return Path.of(layout.sitePackages())
                .resolve(recordPath)
                .normalize()
                .toString()
                .replace('\\', '/');
    }

    private static String recordHash(Path file) throws IOException {
        MessageDigest md = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(md.digest());
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (FileSystemException | UnsupportedOperationException e) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        if (Files.isSymbolicLink(to) || Files.isDirectory(to, LinkOption.NOFOLLOW_LINKS)) {
            throw new WheelInstallException("cannot install over " + to + ": it is a directory or a link");
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
