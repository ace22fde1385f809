package io.terrarium.conda;

import io.terrarium.conda.env.EnvironmentSpec;
import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.install.InstallResult;
import io.terrarium.conda.install.LinkOrder;
import io.terrarium.conda.install.LinkRequest;
import io.terrarium.conda.install.PrefixData;
import io.terrarium.conda.install.PrefixInstaller;
import io.terrarium.conda.install.Transaction;
import io.terrarium.conda.lock.CondaLock;
import io.terrarium.conda.lock.CondaLockYaml;
import io.terrarium.conda.lock.EnvironmentExport;
import io.terrarium.conda.lock.ExplicitEnvironment;
import io.terrarium.conda.lock.LockedPackage;
import io.terrarium.conda.lock.LockfileFormatException;
import io.terrarium.conda.lock.Lockfiles;
import io.terrarium.conda.pack.CondaPacker;
import io.terrarium.conda.pack.PackResult;
import io.terrarium.conda.pip.PipEngine;
import io.terrarium.conda.pip.PipSection;
import io.terrarium.conda.pip.index.Redaction;
import io.terrarium.conda.pip.install.WheelInstallResult;
import io.terrarium.conda.pip.resolve.CondaProvided;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.pip.resolve.PipResolution;
import io.terrarium.conda.pip.resolve.PipResolveException;
import io.terrarium.conda.pip.resolve.PipTarget;
import io.terrarium.conda.pkg.IndexJson;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.pkg.RepodataRecordJson;
import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.solve.MemoryBudget;
import io.terrarium.conda.solve.SolveRequest;
import io.terrarium.conda.solve.SolveResult;
import io.terrarium.conda.solve.Solver;
import io.terrarium.conda.solve.VirtualPackages;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The conda engine as the application and the CLI use it: solve, fetch, extract, link, lock, export and pack,
 * each a thin call into the package that does the work ({@code solve}, {@code pkg}, {@code install}, {@code lock},
 * {@code pack}).
 *
 * <p>A build job uses the step-by-step methods: {@link #lock} (solve, or take a submitted lockfile), {@link
 * #lockedRecords} (the lockfile in link order), {@link #fetchIfMissing} per record, {@link #openLinking} and its
 * idempotent per-record {@code link(index)}, so a batch step may link one record per chunk item and be restarted
 * anywhere, then {@link #finishLinking}. {@link #create} does the whole job for the CLI: it fetches and extracts in
 * parallel, then links in the same {@link LinkOrder} straight into the final prefix. Each record's {@code conda-meta}
 * file is written last and {@code conda-meta/history} (which makes a directory a conda environment) only once every
 * record is linked, so a create that failed half-way never looks like a complete environment, and running it again
 * finishes the job.
 * Thread-safe: concurrent calls on different prefixes share the package cache safely.
 */
public final class CondaEngine {
    private static final String PIP_INDEX_CACHE = "pip-index-cache";
    private static final String PIP_WHEELS = "pip-wheels";

    private final ChannelConfig channelConfig;
    private final PackageCache cache;
    private final InstallOptions installOptions;
    private final MemoryBudget solveBudget;
    private final Solver solver = new Solver();
    private final int fetchThreads;

    /** Receives progress of {@link #create}: packages fetched (downloaded and extracted), then linked. */
    public interface Progress {
        void fetched(int done, int total, String dist);

        void linked(int done, int total, String dist);

        Progress NONE = new Progress() {
            @Override
            public void fetched(int done, int total, String dist) {}

            @Override
            public void linked(int done, int total, String dist) {}
        };
    }

    /** An engine with conda's install defaults over the package cache at {@code packageCacheDir}. */
    public CondaEngine(ChannelConfig channelConfig, Path packageCacheDir) throws IOException {
        this(channelConfig, new PackageCache(packageCacheDir), InstallOptions.defaults());
    }

    public CondaEngine(ChannelConfig channelConfig, PackageCache cache, InstallOptions installOptions) {
        this(channelConfig, cache, installOptions, MemoryBudget.ofHeap());
    }

    /**
     * @param solveBudget the heap one solve may hold; a server running several builds at once gives each its share
     */
    public CondaEngine(
            ChannelConfig channelConfig, PackageCache cache, InstallOptions installOptions, MemoryBudget solveBudget) {
        this.solveBudget = Objects.requireNonNull(solveBudget, "solveBudget");
        this.channelConfig = Objects.requireNonNull(channelConfig, "channelConfig");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.installOptions = Objects.requireNonNull(installOptions, "installOptions");
        this.fetchThreads = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors() * 2));
    }

    public ChannelConfig channelConfig() {
        return channelConfig;
    }

    public PackageCache cache() {
        return cache;
    }

    // ---- solve ----------------------------------------------------------------------------------------------

    /** Solves an environment.yml's conda dependencies over its channels (plus {@code extraChannels} after them). */
    public SolveOutcome solve(
            EnvironmentSpec spec, List<String> extraChannels, Platform platform, List<String> virtualPackages) {
        List<String> channels = new ArrayList<>(spec.solverChannels());
        for (String c : extraChannels) {
            if (!channels.contains(c)) {
                channels.add(c);
            }
        }
        return solve(spec.dependencies(), channels, platform, virtualPackages);
    }

    /**
     * Solves {@code specs} over {@code channels} (highest priority first) for {@code platform}.
     *
     * @param virtualPackages {@code __name=version[=build]} entries overriding the detected ones
     * @throws io.terrarium.conda.solve.UnsatisfiableException when no consistent set exists (the message explains)
     * @throws IllegalArgumentException for an unparsable spec, channel or virtual package
     * @throws io.terrarium.conda.repodata.RepodataException when a channel cannot be read
     */
    public SolveOutcome solve(
            List<String> specs, List<String> channels, Platform platform, List<String> virtualPackages) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("no channel given (pass at least one --channel)");
        }
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("no package spec given");
        }
        List<PackageRecord> explicit = virtualPackages.stream()
                .map(v -> VirtualPackages.parse(v, platform))
                .toList();
        return solveOver(specs, channels, platform, explicit, Map.of(), SolveRequest.DEFAULT_TIMEOUT, line -> {});
    }

    /** Loads the channels' repodata and solves, telling {@code log} what it loaded and what it chose. */
    private SolveOutcome solveOver(
            List<String> specs,
            List<String> channels,
            Platform platform,
            List<PackageRecord> explicitVirtualPackages,
            Map<String, String> variables,
            Duration maxSolveTime,
            Consumer<String> log) {
        long start = System.nanoTime();
        List<Channel> parsed = channels.stream()
                .flatMap(c -> Channel.parseAll(c, channelConfig).stream())
                .toList();
        List<PackageRecord> vps =
                VirtualPackages.merge(VirtualPackages.detect(platform, variables), explicitVirtualPackages);
        log.accept("solving " + specs + " for " + platform.subdir() + " on " + channels);
        RepoIndex index = RepoIndex.load(parsed, platform, channelConfig);
        log.accept("loaded " + index.size() + " records in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        if (variables.keySet().stream().anyMatch(k -> k.startsWith("CONDA_OVERRIDE_"))) {
            log.accept("virtual packages: "
                    + vps.stream().map(r -> r.name() + "=" + r.versionText()).toList());
        }
        SolveRequest.Builder request = SolveRequest.builder(index)
                .virtualPackages(vps)
                .memoryBudget(solveBudget)
                .timeout(maxSolveTime);
        specs.forEach(request::spec);
        SolveResult result = solver.solve(request.build());
        log.accept("solved in " + result.elapsed().toMillis() + " ms: "
                + result.records().size() + " packages");
        for (PackageRecord r : result.records()) {
            log.accept("  " + r.name() + " " + r.version() + " " + r.build() + "  " + r.channel());
        }
        return new SolveOutcome(
                specs, channels, platform, vps, result.records(), Duration.ofNanos(System.nanoTime() - start));
    }

    // ---- package cache --------------------------------------------------------------------------------------

    /** Downloads a record's archive into the cache (verified) unless it is there; returns its path. */
    public Path fetch(PackageRecord record) throws IOException {
        return cache.fetch(record);
    }

    /** Extracts an archive into the cache; returns the extracted directory. */
    public Path extract(Path archive) throws IOException {
        return cache.extract(archive);
    }

    /** The record's extracted package directory, fetching and extracting it first when needed. */
    public Path ensureExtracted(PackageRecord record) throws IOException {
        return cache.ensureExtracted(record);
    }

    // ---- a build step by step (the server's build job: one package per checkpointed chunk) -------------------

    /**
     * Solves {@code specs} over {@code channels} for {@code platform} and writes the conda-lock file of the solve:
     * the lock step of a build. Unlike {@link #solve}, empty specs give an empty environment.
     *
     * @param log receives one line per stage (channels loaded, solved) and per chosen record
     * @return the solved records, dependencies before dependents
     */
    public List<PackageRecord> lock(
            List<String> specs, List<String> channels, Platform platform, Path lockfile, Consumer<String> log)
            throws IOException {
        return lock(specs, channels, LockOptions.of(platform), lockfile, log);
    }

    /**
     * Solves {@code specs} over {@code channels} once per platform of {@code options} (each solve within its time
     * limit, with the options' virtual package overrides) and writes one conda-lock file holding every platform.
     *
     * @return the solved records of the options' first platform (the one the build installs), dependencies first
     * @throws io.terrarium.conda.solve.SolverTimeoutException when a solve outlasts {@code options.maxSolveTime()}
     */
    public List<PackageRecord> lock(
            List<String> specs, List<String> channels, LockOptions options, Path lockfile, Consumer<String> log)
            throws IOException {
        List<SolveOutcome> outcomes = new ArrayList<>();
        for (Platform p : options.platforms()) {
            outcomes.add(solveOver(specs, channels, p, List.of(), options.variables(), options.maxSolveTime(), log));
        }
        writeLockfile(lockfile, Lockfiles.Format.CONDA_LOCK, outcomes, List.of());
        return outcomes.get(0).records();
    }

    /**
     * Takes a submitted lockfile (conda-lock or explicit text) as it is, without solving, and writes its records
     * for {@code platform} as the build's conda-lock file.
     *
     * @param source names the submitted text in error messages
     * @return what the submitted lockfile pins for {@code platform}
     * @throws LockfileFormatException when the text is no lockfile or does not cover the platform
     */
    public Lockfiles.Locked lock(String submitted, String source, Platform platform, Path lockfile) throws IOException {
        Lockfiles.Locked locked = Lockfiles.parse(submitted, source, platform.subdir(), null, null); // null: all
        List<PinnedWheel> wheels =
                locked.pip().stream().map(LockedPackage::toPinnedWheel).toList();
        CondaLockYaml.write(
                lockfile,
                CondaLock.of(
                        Map.of(platform.subdir(), locked.conda()),
                        Map.of(platform.subdir(), wheels),
                        List.of(),
                        Map.of(),
                        List.of()));
        return locked;
    }

    /**
     * The records a conda-lock file pins for {@code platform}, in {@link LinkOrder}: the list a build fetches and
     * links by index, so a checkpoint (the index of the next record) means the same record in every execution, and
     * the order {@link #create} links the same lockfile in.
     */
    public List<PackageRecord> lockedRecords(Path lockfile, Platform platform) throws IOException {
        return LinkOrder.sort(CondaLockYaml.read(lockfile).condaRecords(platform.subdir()));
    }

    /**
     * Makes sure a record is downloaded (verified) and extracted in the package cache.
     *
     * @return true if this call downloaded or extracted it, false if the cache had it, or another thread or process
     *     of the store fetched it while this one waited for the entry's lock
     */
    public boolean fetchIfMissing(PackageRecord record) throws IOException {
        // only the caller that does the work hears progress: one that waited for another's fetch hears none
        AtomicBoolean worked = new AtomicBoolean();
        cache.ensureExtracted(record, (phase, done, total) -> worked.set(true));
        return worked.get();
    }

    /**
     * Opens the link transaction of {@code ordered} (every record of the environment, in link order, already
     * extracted in the cache) into {@code prefix}. {@link Transaction#link(int)} then links one record by its index
     * and does nothing when it is already linked, so a restarted step may link any record again; open one per
     * execution, since opening reads every conda-meta record of the prefix.
     *
     * @param requestedSpecs the user's specs (recorded as {@code requested_spec}); may be empty
     */
    public Transaction openLinking(Path prefix, List<PackageRecord> ordered, List<String> requestedSpecs)
            throws IOException {
        List<LinkRequest> requests = new ArrayList<>(ordered.size());
        for (PackageRecord r : ordered) {
            requests.add(linkRequest(r, SpecNames.requestedSpec(requestedSpecs, r)));
        }
        return new PrefixInstaller(installOptions).transaction(prefix, requests);
    }

    /**
     * Writes the {@code conda-meta/history} entry once every record of {@code ordered} is linked (idempotent: a
     * second call finds the entry and writes nothing), without opening a transaction.
     */
    public void finishLinking(Path prefix, List<PackageRecord> ordered, List<String> requestedSpecs)
            throws IOException {
        List<String> specs = new ArrayList<>();
        for (PackageRecord r : ordered) {
            String spec = SpecNames.requestedSpec(requestedSpecs, r);
            if (spec != null) {
                specs.add(spec);
            }
        }
        new PrefixInstaller(installOptions).recordHistory(prefix, ordered, specs);
    }

    /** What the installer needs of a record: where the cache holds its extracted package and archive. */
    private LinkRequest linkRequest(PackageRecord r, String requestedSpec) throws IOException {
        return new LinkRequest(r, cache.extractedPath(r), cache.archivePath(r), requestedSpec);
    }

    /** Whether {@code record} is fully linked into {@code prefix}. */
    public boolean isLinked(Path prefix, PackageRecord record) throws IOException {
        return PrefixInstaller.isLinked(prefix, record);
    }

    /**
     * Installs {@code records} into {@code prefix} without solving: fetch and extract every package (in parallel),
     * fill in what a lockfile does not carry from each package's {@code info/index.json}, then link in {@link
     * LinkOrder}, the order a build job links the same records in. Idempotent: records already linked are skipped.
     *
     * @param requestedSpecs the user's specs (recorded as {@code requested_spec}); may be empty
     */
    public InstallResult create(
            Path prefix, List<PackageRecord> records, List<String> requestedSpecs, Progress progress)
            throws IOException {
        Progress p = progress == null ? Progress.NONE : progress;
        List<PackageRecord> complete = fetchAll(records, p);
        Transaction tx = openLinking(prefix, LinkOrder.sort(complete), requestedSpecs);
        return tx.run((done, total, dist, skipped) -> p.linked(done, total, dist));
    }

    /** {@link #create(Path, List, List, Progress)} with the outcome's specs as the requested specs. */
    public InstallResult create(Path prefix, SolveOutcome outcome, Progress progress) throws IOException {
        return create(prefix, outcome.records(), outcome.specs(), progress);
    }

    private List<PackageRecord> fetchAll(List<PackageRecord> records, Progress progress) throws IOException {
        int total = records.size();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(fetchThreads, Math.max(1, total)), r -> {
            Thread t = new Thread(r, "terrarium-fetch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<PackageRecord>> futures = new ArrayList<>(total);
            for (PackageRecord r : records) {
                futures.add(pool.submit(() -> {
                    Path dir = cache.ensureExtracted(r);
                    PackageRecord filled = withIndexMetadata(r, dir);
                    synchronized (progress) {
                        progress.fetched(done.incrementAndGet(), total, r.dist());
                    }
                    return filled;
                }));
            }
            List<PackageRecord> out = new ArrayList<>(total);
            for (Future<PackageRecord> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching packages");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new UncheckedIOException(new IOException(c));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A record read from a lockfile knows its identity, URL and hashes; the package's {@code info/index.json} fills
     * in the rest (build number, depends when the lock had none, constrains, noarch, timestamp, license), so that
     * {@code conda-meta} is what a solved install writes; the checksums and size the cache verified fill in those
     * an explicit file leaves out. Fields the record has are kept.
     */
    static PackageRecord withIndexMetadata(PackageRecord r, Path extracted) throws IOException {
        IndexJson index = IndexJson.read(extracted);
        PackageRecord.Builder b = r.toBuilder().buildNumber(index.buildNumber());
        // repodata_record.json is read only when it has something to add (a solved record has all three)
        PackageRecord cached =
                r.md5() == null || r.sha256() == null || r.size() < 0 ? RepodataRecordJson.read(extracted) : null;
        if (cached != null) {
            if (r.md5() == null) {
                b.md5(cached.md5());
            }
            if (r.sha256() == null) {
                b.sha256(cached.sha256());
            }
            if (r.size() < 0) {
                b.size(cached.size());
            }
        }
        if (r.depends().isEmpty()) {
            b.depends(index.depends());
        }
        if (r.constrains().isEmpty()) {
            b.constrains(index.constrains());
        }
        if (r.trackFeatures().isEmpty()) {
            b.trackFeatures(index.trackFeatures());
        }
        if (r.noarch() == null) {
            b.noarch(index.noarch());
        }
        if (r.timestamp() == 0) {
            b.timestamp(index.timestamp());
        }
        if (r.license() == null) {
            b.license(index.license());
        }
        if (r.subdir() == null) {
            b.subdir(index.subdir());
        }
        if (r.extra().isEmpty()) {
            b.extra(index.extra());
        }
        return b.build();
    }

    // ---- pip on top of a build's conda packages (resolve once, then one wheel per checkpointed chunk) --------

    /** How long a pip resolve may take when no {@code conda_max_solve_time} is given (conda-store's default). */
    public static final Duration PIP_RESOLVE_TIME = Duration.ofSeconds(300);

    /**
     * Resolves a {@code pip:} section for the python that a conda-lock file pins for {@code platform}, and adds the
     * wheels to that file as conda-lock's {@code manager: pip} entries: the pip half of a build's solve step.
     *
     * @param pipLines the section's lines (requirements and {@code --index-url}-style options)
     * @param pipStore the store's pip directory: the shared wheel cache and the index cache live under it
     * @return the pinned wheels (empty when the section has no requirement; the lockfile is then left alone)
     * @throws PipResolveException when there is no solution, a project has only source distributions, the
     *                             resolve ran past {@code maxTime}, or the conda packages have no python
     */
    public List<PinnedWheel> lockPip(
            List<String> pipLines,
            Path pipStore,
            Platform platform,
            Path lockfile,
            Duration maxTime,
            Consumer<String> log)
            throws IOException {
        PipSection section = PipSection.parse(pipLines, pipStore.resolve(PIP_INDEX_CACHE));
        if (section.requirements().isEmpty()) {
            return List.of();
        }
        CondaLock lock = CondaLockYaml.read(lockfile);
        List<PackageRecord> conda = lock.condaRecords(platform.subdir());
        PipTarget target = PipEngine.target(conda, platform.subdir())
                .orElseThrow(() -> new PipResolveException(
                        "the pip dependencies need python among the conda dependencies, and the solution has none"));
        log.accept(
                "resolving " + section.requirements().size() + " pip requirements for " + target.describe() + " from "
                        + Redaction.redact(String.join(", ", section.indexes().allIndexUrls())));
        PipResolution resolution = new PipEngine(section.indexes(), pipStore.resolve(PIP_WHEELS))
                .resolve(
                        section,
                        target,
                        PipEngine.condaProvided(conda),
                        Instant.now().plus(maxTime));
        for (CondaProvided c : resolution.satisfiedByConda()) {
            log.accept("pip: " + c.name() + " " + c.version() + " is provided by a conda package");
        }
        List<LockedPackage> packages = new ArrayList<>();
        for (LockedPackage p : lock.packages()) {
            if (p.manager() != LockedPackage.Manager.PIP || !p.platform().equals(platform.subdir())) {
                packages.add(p);
            }
        }
        for (PinnedWheel w : resolution.wheels()) {
            log.accept("pip: " + w.name() + " " + w.version() + " (" + w.filename() + ")");
            packages.add(LockedPackage.of(w, platform.subdir()));
        }
        CondaLockYaml.write(lockfile, new CondaLock(lock.metadata(), packages));
        return resolution.wheels();
    }

    /**
     * Resolves a {@code pip:} section for the python installed in {@code prefix} and installs the wheels there: the
     * pip half of {@code create --file environment.yml}. Conda packages in the prefix satisfy requirements they
     * match, by their conda names and by the {@code .dist-info} directories they installed.
     *
     * @return the wheels installed (empty when the section has no requirement)
     * @throws PipResolveException when there is no solution or the prefix has no python
     */
    public List<PinnedWheel> installPip(
            Path prefix,
            Platform platform,
            List<String> pipLines,
            Path pipStore,
            Duration maxTime,
            Consumer<String> log)
            throws IOException {
        PipSection section = PipSection.parse(pipLines, pipStore.resolve(PIP_INDEX_CACHE));
        if (section.requirements().isEmpty()) {
            return List.of();
        }
        List<PackageRecord> conda = PrefixData.load(prefix).packageRecords();
        PipTarget target = PipEngine.target(conda, platform.subdir())
                .orElseThrow(() -> new PipResolveException(
                        "the pip dependencies need python among the conda dependencies, and " + prefix + " has none"));
        PipEngine pip = new PipEngine(section.indexes(), pipStore.resolve(PIP_WHEELS));
        PipResolution resolution = pip.resolve(
                section, target, PipEngine.condaProvided(prefix), Instant.now().plus(maxTime));
        for (PinnedWheel w : resolution.wheels()) {
            WheelInstallResult r = pip.install(prefix, target, w);
            log.accept("pip: " + w.name() + " " + w.version()
                    + (r.alreadyInstalled() ? " already installed" : " installed"));
        }
        return resolution.wheels();
    }

    /**
     * Installs locked wheels into {@code prefix} without resolving, for the python installed there: the pip half of
     * installing a conda-lock file.
     */
    public void installLockedWheels(
            Path prefix, Platform platform, List<PinnedWheel> wheels, Path pipStore, Consumer<String> log)
            throws IOException {
        if (wheels.isEmpty()) {
            return;
        }
        List<PackageRecord> conda = PrefixData.load(prefix).packageRecords();
        for (PinnedWheel w : wheels) {
            WheelInstallResult r = installWheel(prefix, conda, platform, w, List.of(), pipStore);
            log.accept("pip: " + w.name() + " " + w.version()
                    + (r.alreadyInstalled() ? " already installed" : " installed"));
        }
    }

    /**
     * Resolves a {@code pip:} section for each platform of a conda-lock file and adds the wheels to it: the pip
     * half of {@code lock --file environment.yml}.
     */
    public void lockPip(
            List<String> pipLines,
            Path pipStore,
            List<Platform> platforms,
            Path lockfile,
            Duration maxTime,
            Consumer<String> log)
            throws IOException {
        for (Platform p : platforms) {
            lockPip(pipLines, pipStore, p, lockfile, maxTime, log);
        }
    }

    /** The wheels a conda-lock file pins for {@code platform}, in file order: the list the pip steps index into. */
    public List<PinnedWheel> lockedWheels(Path lockfile, Platform platform) throws IOException {
        return CondaLockYaml.read(lockfile).pipWheels(platform.subdir());
    }

    /**
     * Brings a pinned wheel into the shared wheel cache, verifying its sha256 (a no-op when it is there).
     *
     * @param pipLines the build's {@code pip:} lines, for the credentials and trusted hosts of its indexes
     */
    public Path fetchWheel(PinnedWheel wheel, List<String> pipLines, Path pipStore) {
        return pipEngine(pipLines, pipStore).fetch(wheel);
    }

    /**
     * Installs a pinned wheel into {@code prefix} for the python among the prefix's locked conda records; a wheel
     * already installed is skipped, so a restarted chunk repeats safely.
     *
     * @throws PipResolveException when the conda records have no python
     */
    public WheelInstallResult installWheel(
            Path prefix,
            List<PackageRecord> condaRecords,
            Platform platform,
            PinnedWheel wheel,
            List<String> pipLines,
            Path pipStore) {
        PipTarget target = PipEngine.target(condaRecords, platform.subdir())
                .orElseThrow(() -> new PipResolveException(
                        "cannot install " + wheel.filename() + ": the environment has no python"));
        return pipEngine(pipLines, pipStore).install(prefix, target, wheel);
    }

    private static PipEngine pipEngine(List<String> pipLines, Path pipStore) {
        PipSection section =
                PipSection.parse(pipLines == null ? List.of() : pipLines, pipStore.resolve(PIP_INDEX_CACHE));
        return new PipEngine(section.indexes(), pipStore.resolve(PIP_WHEELS));
    }

    // ---- lockfiles and exports ------------------------------------------------------------------------------

    /**
     * Writes a lockfile of one solve per platform.
     *
     * @param sources input files to name in the lock (paths relative to it), may be empty
     * @throws LockfileFormatException when an explicit file is asked for more than one platform
     */
    public void writeLockfile(Path file, Lockfiles.Format format, List<SolveOutcome> outcomes, List<String> sources)
            throws IOException {
        if (outcomes.isEmpty()) {
            throw new IllegalArgumentException("nothing to lock");
        }
        if (format == Lockfiles.Format.EXPLICIT) {
            if (outcomes.size() != 1) {
                throw new LockfileFormatException("an explicit file holds one platform; lock " + outcomes.size()
                        + " platforms in the conda-lock format or one file per platform");
            }
            SolveOutcome o = outcomes.get(0);
            new ExplicitEnvironment(o.platform().subdir(), o.records()).write(file, ExplicitEnvironment.HashKind.MD5);
            return;
        }
        Map<String, List<PackageRecord>> solved = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (SolveOutcome o : outcomes) {
            solved.put(o.platform().subdir(), o.records());
            hashes.put(o.platform().subdir(), o.contentHash());
        }
        List<CondaLock.LockChannel> channels = outcomes.get(0).channels().stream()
                .map(CondaLock.LockChannel::of)
                .toList();
        CondaLockYaml.write(file, CondaLock.of(solved, channels, hashes, sources));
    }

    /** The conda records a lockfile (conda-lock or explicit, detected) pins for {@code platform} (null: its own). */
    public Lockfiles.Locked readLockfile(Path file, Platform platform) throws IOException {
        return Lockfiles.read(
                file,
                platform == null ? null : platform.subdir(),
                Platform.current().subdir(),
                null);
    }

    /** The conda records a lockfile pins for its only platform, else for this machine's. */
    public List<PackageRecord> readLockfile(Path file) throws IOException {
        return readLockfile(file, null).conda();
    }

    /** {@code conda env export} of an installed prefix. */
    public String exportYaml(Path prefix) throws IOException {
        Path p = prefix.toAbsolutePath().normalize();
        if (!PrefixData.isEnvironment(p)) {
            throw new IllegalArgumentException(p + " is not a conda environment (no conda-meta/history)");
        }
        return EnvironmentExport.render(null, List.of(), PrefixData.load(p).packageRecords(), p.toString());
    }

    /** {@code conda env export} of records about to be (or already) installed. */
    public String exportYaml(String name, List<String> channels, List<PackageRecord> records, String prefix) {
        return EnvironmentExport.render(name, channels, records, prefix);
    }

    /** {@code conda env export} of records and pip wheels about to be (or already) installed. */
    public String exportYaml(
            String name, List<String> channels, List<PackageRecord> records, List<PinnedWheel> pip, String prefix) {
        return EnvironmentExport.render(name, channels, records, pip, prefix);
    }

    // ---- relocatable archives -------------------------------------------------------------------------------

    /** Packs an environment into a conda-pack compatible archive. */
    public PackResult pack(Path prefix, Path output) throws IOException {
        return new CondaPacker().pack(prefix, output);
    }
}
