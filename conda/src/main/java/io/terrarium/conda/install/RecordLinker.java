package io.terrarium.conda.install;

import io.terrarium.conda.pkg.FileMode;
import io.terrarium.conda.pkg.PackageInfo;
import io.terrarium.conda.pkg.PathEntry;
import io.terrarium.conda.pkg.PathType;
import io.terrarium.conda.pkg.SafePaths;
import io.terrarium.conda.pkg.Sha256;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the files of one extracted package into a prefix, as its {@code paths.json} says: directories, symbolic
 * links, hard links from the cache (or copies when linking is impossible or {@code no_link} asks for it), and
 * rewritten copies of files with a prefix placeholder. {@code noarch: python} paths are moved into the
 * environment's site-packages and {@code bin/}.
 */
final class RecordLinker {
    private final PrefixWriter writer;
    private final String prefixText;
    private final boolean hardlinks;

    /** What linking the files did. */
    record Linked(List<PrefixPath> paths, List<String> pyFiles, boolean anyHardlink, boolean anyCopy) {}

    RecordLinker(PrefixWriter writer, boolean hardlinks) {
        this.writer = writer;
        this.prefixText = writer.prefix().toString();
        this.hardlinks = hardlinks;
    }

    /** Target path of each entry, in file order (noarch python paths moved). */
    static Map<PathEntry, String> targets(PackageInfo info, PythonInfo python, boolean noarchPython)
            throws InstallException {
        Map<PathEntry, String> out = new LinkedHashMap<>();
        for (PathEntry e : info.paths().paths()) {
            String target = e.path();
            if (noarchPython) {
                if (target.startsWith("site-packages/")) {
                    target = python.sitePackages() + target.substring("site-packages".length());
                } else if (target.startsWith("python-scripts/")) {
                    target = "bin" + target.substring("python-scripts".length());
                }
            }
            String clean;
            try {
                clean = SafePaths.checkRelative(target);
            } catch (IllegalArgumentException ex) {
                throw new UnsafePathException("package " + info.directory().getFileName() + ": " + ex.getMessage());
            }
            String top = clean.contains("/") ? clean.substring(0, clean.indexOf('/')) : clean;
            if (top.equals(PrefixData.CONDA_META) || top.equals(PrefixWriter.STAGING)) {
                // the installer's own bookkeeping: a package writing there could forge installed records
                throw new UnsafePathException("package " + info.directory().getFileName() + " ships '" + clean
                        + "', inside the prefix's " + top + "/ directory, which only the installer writes");
            }
            out.put(e, clean);
        }
        return out;
    }

    /** Links every entry; {@code written} receives each target path as soon as it is in place (for rollback). */
    Linked link(PackageRecord record, PackageInfo info, Map<PathEntry, String> targets, List<String> written)
            throws IOException {
        Path pkgDir = info.directory();
        List<PrefixPath> paths = new ArrayList<>();
        List<String> pyFiles = new ArrayList<>();
        boolean anyHardlink = false;
        boolean anyCopy = false;
        for (Map.Entry<PathEntry, String> t : targets.entrySet()) {
            PathEntry e = t.getKey();
            String target = t.getValue();
            Path source;
            try {
                source = SafePaths.resolveInside(pkgDir, e.path());
            } catch (IllegalArgumentException ex) {
                throw new UnsafePathException(record.dist() + ": " + ex.getMessage());
            }
            if (e.pathType() == PathType.DIRECTORY) {
                writer.directory(target);
                written.add(target);
                paths.add(new PrefixPath(target, "directory", null, null, -1, null, null, false));
                continue;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException ex) {
                throw new InstallException(record.dist() + ": the extracted package " + pkgDir + " lacks '" + e.path()
                        + "' listed in info/paths.json (the package cache entry is incomplete; extract it again)");
            }
            // the cache decides, as conda's create_link does: a "softlink" entry extracted as a plain file (some
            // old archives store empty files for links) is copied like a file
            if (attrs.isSymbolicLink()) {
                String linkTarget = Files.readSymbolicLink(source).toString();
                writer.symlink(target, linkTarget);
                written.add(target);
                paths.add(new PrefixPath(
                        target, "softlink", e.sha256(), e.sha256(), e.sizeInBytes(), null, null, e.noLink()));
                continue;
            }
            if (!attrs.isRegularFile()) {
                throw new UnsafePathException(
                        record.dist() + ": '" + e.path() + "' in " + pkgDir + " is not a regular file");
            }
            if (e.hasPrefix()) {
                byte[] data = Files.readAllBytes(source);
                byte[] replaced = e.fileMode() == FileMode.BINARY
                        ? PrefixReplacer.replaceBinary(
                                data, e.prefixPlaceholder(), prefixText, record.dist() + ":" + target)
                        : PrefixReplacer.replaceText(data, e.prefixPlaceholder(), prefixText);
                writer.write(target, replaced, source);
                written.add(target);
                anyCopy = true;
                paths.add(new PrefixPath(
                        target,
                        e.pathType().jsonName(),
                        e.sha256(),
                        Sha256.of(replaced),
                        replaced.length,
                        e.prefixPlaceholder(),
                        e.fileMode().jsonName(),
                        e.noLink()));
            } else {
                boolean linked = writer.linkOrCopy(target, source, hardlinks && !e.noLink());
                written.add(target);
                anyHardlink |= linked;
                anyCopy |= !linked;
                // a regular file's hash was verified at extraction; anything else is hashed as installed
                boolean trusted = e.pathType() == PathType.HARDLINK && e.sha256() != null && e.sizeInBytes() >= 0;
                String sha = trusted ? e.sha256() : sha256(source);
                long size = trusted ? e.sizeInBytes() : Files.size(source);
                paths.add(
                        new PrefixPath(target, e.pathType().jsonName(), e.sha256(), sha, size, null, null, e.noLink()));
            }
            if (e.path().startsWith("site-packages/") && e.path().endsWith(".py")) {
                pyFiles.add(target); // conda byte-compiles the noarch python modules only
            }
        }
        return new Linked(paths, pyFiles, anyHardlink, anyCopy);
    }

    /** {@link Sha256#of(Path)}, a missing file reported as an install failure. */
    static String sha256(Path file) throws IOException {
        try {
            return Sha256.of(file);
        } catch (NoSuchFileException e) {
            throw new InstallException("missing file " + file, e);
        }
    }
}
