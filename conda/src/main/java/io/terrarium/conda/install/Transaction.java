package io.terrarium.conda.install;

import io.terrarium.conda.json.Json;
import io.terrarium.conda.pkg.LinkJson;
import io.terrarium.conda.pkg.PackageInfo;
import io.terrarium.conda.pkg.PathEntry;
import io.terrarium.conda.pkg.Sha256;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Installs an ordered list of records into one prefix, record by record, so that it can be resumed after a crash.
 *
 * <p>Each record is linked in steps: pre-link script, files, entry points, byte-compilation, post-link script, and
 * last its {@code conda-meta/<dist>.json}. A record whose conda-meta file exists and matches is fully linked and is
 * skipped; a record interrupted half-way has no conda-meta file and is linked again over what it left. {@link #finish()}
 * then appends one {@code conda-meta/history} block for the whole list (once, even when resumed). A batch step may
 * call {@link #link(int)} per item and checkpoint after each.
 *
 * <p>Not thread-safe; one transaction per prefix at a time.
 */
public final class Transaction {
    private final PrefixWriter writer;
    private final Path prefix;
    private final List<LinkRequest> links;
    private final InstallOptions options;
    private final PythonInfo python;
    /** Path -> dist of the installed record that owns it (updated as records are linked). */
    private final Map<String, String> owners = new HashMap<>();
    /** Installed records by package name. */
    private final Map<String, PrefixRecord> installed = new HashMap<>();

    Transaction(Path prefix, List<LinkRequest> links, InstallOptions options) throws IOException {
        this.writer = new PrefixWriter(prefix);
        this.prefix = writer.prefix();
        this.links = List.copyOf(links);
        this.options = Objects.requireNonNull(options, "options");
        Set<String> names = new HashSet<>();
        for (LinkRequest l : this.links) {
            if (!names.add(l.record().name())) {
                throw new InstallException("the install list holds two records named '"
                        + l.record().name() + "'; a prefix holds one version of each package");
            }
        }
        PrefixData data = PrefixData.load(this.prefix);
        for (PrefixRecord r : data.records()) {
            installed.put(r.record().name(), r);
            for (PrefixPath p : r.paths()) {
                if (!p.pathType().equals("directory")) {
                    owners.put(p.path(), r.record().dist());
                }
            }
        }
        PythonInfo py = null;
        for (LinkRequest l : this.links) {
            if (l.record().name().equals("python")) {
                py = PythonInfo.of(l.record());
            }
        }
        if (py == null && installed.containsKey("python")) {
            py = PythonInfo.of(installed.get("python").record());
        }
        this.python = py;
    }

    public Path prefix() {
        return prefix;
    }

    public List<LinkRequest> links() {
        return links;
    }

    public int size() {
        return links.size();
    }

    /** The python of the target environment, if the list or the prefix has one. */
    public Optional<PythonInfo> python() {
        return Optional.ofNullable(python);
    }

    /** Whether record {@code index} is already fully linked (its conda-meta record exists and matches). */
    public boolean isLinked(int index) throws IOException {
        return PrefixInstaller.isLinked(prefix, links.get(index).record());
    }

    /** Links every record not yet linked, reporting progress, then writes the history entry. */
    public InstallResult run(LinkProgress progress) throws IOException {
        List<RecordLinkResult> results = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            RecordLinkResult r = link(i, true);
            results.add(r);
            progress.linked(i + 1, links.size(), links.get(i).record().dist(), r.alreadyLinked());
        }
        finish();
        return new InstallResult(results);
    }

    /**
     * Links record {@code index} unless it already is. On failure the paths this attempt wrote (except files it
     * took over from other records) are removed and no conda-meta record is written, so the record is not installed.
     */
    public RecordLinkResult link(int index) throws IOException {
        return link(index, false);
    }

    /**
     * {@link #link(int)}; {@code keepStaging} leaves the (empty) staging directory for the next record instead of
     * removing it, for {@link #run} which removes it in {@link #finish()}.
     */
    private RecordLinkResult link(int index, boolean keepStaging) throws IOException {
        LinkRequest req = links.get(index);
        Optional<RecordLinkResult> linked = alreadyLinked(req.record());
        if (linked.isPresent()) {
            return linked.get();
        }
        try (PrefixLock lock = PrefixLock.acquire(prefix)) {
            // checked again under the lock: another worker may have linked it meanwhile
            linked = alreadyLinked(req.record());
            if (linked.isPresent()) {
                return linked.get();
            }
            writer.startRecord();
            List<String> written = new ArrayList<>();
            List<String> takenOver = new ArrayList<>();
            try {
                RecordLinkResult result = doLink(req, written, takenOver);
                if (!keepStaging) {
                    writer.clearStaging();
                }
                return result;
            } catch (IOException | RuntimeException e) {
                rollback(written, takenOver);
                throw e;
            }
        }
    }

    /** The result of a record whose conda-meta file exists and matches it, if it has one. */
    private Optional<RecordLinkResult> alreadyLinked(PackageRecord record) throws IOException {
        return PrefixData.read(prefix, record)
                .filter(r -> PrefixInstaller.matches(r.record(), record))
                .map(r -> new RecordLinkResult(r, true, List.of(), List.of(), List.of(), List.of()));
    }

    private RecordLinkResult doLink(LinkRequest req, List<String> written, List<String> takenOver) throws IOException {
        PackageRecord record = req.record();
        PackageInfo info;
        try {
            info = PackageInfo.read(req.extractedDir());
        } catch (IOException e) {
            throw new InstallException(
                    "cannot read the extracted package of " + record.dist() + " at " + req.extractedDir() + ": "
                            + e.getMessage(),
                    e);
        }
        String noarch = record.noarch() != null ? record.noarch() : info.noarch();
        boolean noarchPython = "python".equals(noarch);
        if (noarchPython && python == null) {
            throw new InstallException(record.dist() + " is a noarch: python package, but neither the install list nor "
                    + "the prefix " + prefix + " has a python record to take the site-packages location from");
        }
        Map<PathEntry, String> targets = RecordLinker.targets(info, python, noarchPython);
        List<LinkJson.EntryPoint> entryPoints =
                noarchPython && info.link() != null ? info.link().entryPoints() : List.of();

        List<ClobberWarning> clobbers = new ArrayList<>();
        Set<String> allTargets = new LinkedHashSet<>(targets.values());
        for (LinkJson.EntryPoint ep : entryPoints) {
            allTargets.add(EntryPointScript.path(ep));
        }
        for (String t : allTargets) {
            String owner = owners.get(t);
            if (owner != null && !owner.equals(record.dist()) && !sameName(owner, record)) {
                clobbers.add(new ClobberWarning(t, owner, record.dist()));
                takenOver.add(t);
            }
        }
        if (!clobbers.isEmpty() && options.clobberPolicy() == ClobberPolicy.ERROR) {
            throw new ClobberException(
                    record.dist() + " would overwrite " + clobbers.size() + " path(s) owned by other packages: "
                            + clobbers,
                    clobbers);
        }

        Files.deleteIfExists(prefix.resolve(LinkScripts.MESSAGES_FILE)); // left by a script of a killed run
        List<String> messages = new ArrayList<>(LinkScripts.prelinkMessages(record, req.extractedDir()));
        List<String> warnings = new ArrayList<>();
        LinkScripts scripts = new LinkScripts(
                prefix, options.rootPrefix(), options.scriptTimeout(), options.runLinkScripts(), warnings);
        scripts.preLink(record, req.extractedDir(), messages);

        PrefixRecord previous = installed.get(record.name());
        boolean replacing = previous != null && !previous.record().dist().equals(record.dist());
        if (replacing) {
            scripts.preUnlink(previous.record(), messages);
            unlinkFiles(previous, allTargets);
        }

        RecordLinker linker = new RecordLinker(writer, options.allowHardlinks());
        RecordLinker.Linked linked = linker.link(record, info, targets, written);
        List<PrefixPath> paths = new ArrayList<>(linked.paths());

        if (noarchPython) {
            String pythonExe = prefix.resolve(python.interpreter()).toString();
            FileTime mtime = FileTime.fromMillis(record.timestamp() > 0 ? record.timestamp() : 0);
            for (LinkJson.EntryPoint ep : entryPoints) {
                byte[] script = EntryPointScript.render(ep, pythonExe);
                String path = EntryPointScript.path(ep);
                writer.write(path, script, PosixFilePermissions.fromString("rwxr-xr-x"), mtime);
                written.add(path);
                paths.add(new PrefixPath(
                        path, "unix_python_entry_point", null, Sha256.of(script), script.length, null, null, false));
            }
            if (options.compilePython()) {
                List<String> pycs = new PythonCompiler(prefix, python)
                        .compile(
                                linked.pyFiles(),
                                warnings,
                                options.scriptTimeout().toMillis());
                written.addAll(pycs);
                for (String pyc : pycs) {
                    paths.add(new PrefixPath(pyc, "pyc_file", null, null, -1, null, null, false));
                }
            }
        }

        scripts.postLink(record, messages);

        int linkType = linked.anyHardlink() || !linked.anyCopy() ? PrefixRecord.LINK_HARDLINK : PrefixRecord.LINK_COPY;
        if (!options.allowHardlinks()) {
            linkType = PrefixRecord.LINK_COPY;
        }
        PrefixRecord prefixRecord = new PrefixRecord(
                record,
                paths,
                req.requestedSpec(),
                req.extractedDir().toAbsolutePath().toString(),
                req.tarball() == null ? null : req.tarball().toAbsolutePath().toString(),
                linkType);
        if (replacing) {
            Files.deleteIfExists(prefix.resolve(PrefixData.CONDA_META).resolve(previous.fileName()));
            for (PrefixPath p : previous.paths()) {
                owners.remove(p.path(), previous.record().dist());
            }
        }
        writeCondaMeta(prefixRecord);
        installed.put(record.name(), prefixRecord);
        for (PrefixPath p : paths) {
            if (!p.pathType().equals("directory")) {
                owners.put(p.path(), record.dist());
            }
        }
        return new RecordLinkResult(prefixRecord, false, clobbers, messages, warnings, scripts.output());
    }

    private static boolean sameName(String ownerDist, PackageRecord record) {
        // an older build of the same package is being replaced, not clobbered
        return ownerDist.startsWith(record.name() + "-")
                && ownerDist
                                .substring(record.name().length() + 1)
                                .chars()
                                .filter(c -> c == '-')
                                .count()
                        == 1;
    }

    /** Removes the files of a record being replaced that the new record does not write itself. */
    private void unlinkFiles(PrefixRecord previous, Set<String> keep) throws IOException {
        for (PrefixPath p : previous.paths()) {
            if (keep.contains(p.path()) || p.pathType().equals("directory")) {
                continue;
            }
            if (!previous.record().dist().equals(owners.get(p.path()))) {
                continue; // another record clobbered it since; it is theirs now
            }
            Path f = writer.resolve(p.path());
            if (!Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(f);
            }
        }
    }

    private void writeCondaMeta(PrefixRecord r) throws IOException {
        byte[] json = Json.toBytes(r.toJson(), true);
        byte[] withNewline = new byte[json.length + 1];
        System.arraycopy(json, 0, withNewline, 0, json.length);
        withNewline[json.length] = '\n';
        writer.write(
                PrefixData.CONDA_META + "/" + r.fileName(),
                withNewline,
                PosixFilePermissions.fromString("rw-r--r--"),
                null);
    }

    private void rollback(List<String> written, List<String> takenOver) {
        Set<String> keep = new HashSet<>(takenOver);
        for (int i = written.size() - 1; i >= 0; i--) {
            String rel = written.get(i);
            if (keep.contains(rel)) {
                continue;
            }
            try {
                Path p = writer.resolve(rel);
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // best effort: the record is not marked installed, a rerun overwrites what is left
            }
        }
        writer.removeCreatedDirectories();
        try {
            Files.deleteIfExists(prefix.resolve(LinkScripts.MESSAGES_FILE));
            writer.clearStaging();
        } catch (IOException e) {
            // best effort
        }
    }

    /**
     * Appends the history block for the whole list, unless the last block already records all of it (a rerun of a
     * finished install, or a resumed one whose first run got this far), and removes the staging directory.
     */
    public void finish() throws IOException {
        try (PrefixLock lock = PrefixLock.acquire(prefix)) {
            appendHistory(lock);
            writer.clearStaging();
        }
    }

    private void appendHistory(PrefixLock lock) throws IOException {
        List<String> specs = new ArrayList<>();
        for (LinkRequest l : links) {
            if (l.requestedSpec() != null) {
                specs.add(l.requestedSpec());
            }
        }
        HistoryEntry.appendOnce(
                lock, options, links.stream().map(LinkRequest::record).toList(), specs);
    }
}
