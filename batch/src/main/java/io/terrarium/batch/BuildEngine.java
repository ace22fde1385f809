package io.terrarium.batch;

import io.terrarium.conda.CondaEngine;
import io.terrarium.conda.LockOptions;
import io.terrarium.conda.PrefixOwnership;
import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.install.Transaction;
import io.terrarium.conda.lock.Lockfiles;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.pkg.ExtractionLimits;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.solve.MemoryBudget;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import io.terrarium.domain.model.specification.EnvironmentSpecification;
import io.terrarium.domain.model.specification.LockfileSpecification;
import io.terrarium.infrastructure.batch.BuildPlan;
import io.terrarium.infrastructure.config.ChannelResolver;
import io.terrarium.infrastructure.config.TerrariumConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The build job's adapter to the conda engine ({@link CondaEngine}'s step-by-step API): maps the server's settings
 * (channel alias, package cache, platform, channel names) and a build's plan onto it, so the step classes see
 * neither engine types nor settings beyond a record and a transaction.
 */
@ApplicationScoped
public class BuildEngine {

    public static final String LOCKFILE = "lockfile.yml";
    public static final String EXPORT = "environment.yaml";
    public static final String ARCHIVE = "environment.tar.gz";

    @Inject
    TerrariumConfig config;

    @Inject
    ChannelResolver channels;

    private volatile CondaEngine engine;

    private CondaEngine engine() throws IOException {
        CondaEngine e = engine;
        if (e == null) {
            ChannelConfig channelConfig = ChannelConfig.defaults()
                    .withChannelAlias(config.channelAlias())
                    .withCacheDir(config.storeDir().resolve("cache").resolve("repodata"))
                    .withRepodataLimits(config.repodataMaxDownloadBytes(), config.repodataMaxDecompressedBytes());
            e = new CondaEngine(
                    channelConfig,
                    new PackageCache(
                            config.packageCacheDir(),
                            ExtractionLimits.DEFAULT.withMaxTotalBytes(config.packageMaxBytes()),
                            null,
                            3),
                    InstallOptions.defaults()
                            .withLinkScripts(config.linkScriptsEnabled())
                            .withScriptTimeout(config.linkScriptTimeout()),
                    MemoryBudget.megabytes(config.solveMemoryBudgetMb()));
            engine = e;
        }
        return e;
    }

    private Platform platform() {
        return Platform.parse(config.platform());
    }

    /** Solves the plan (or takes its submitted lockfile) and writes the conda-lock file; returns its path. */
    Path lock(BuildPlan plan, BuildLog log) throws IOException {
        Path file = plan.artifactDir().resolve(LOCKFILE);
        Files.createDirectories(plan.artifactDir());
        if (plan.specification() instanceof LockfileSpecification submitted) {
            Lockfiles.Locked locked = engine().lock(submitted.yaml(), "the submitted lockfile", platform(), file);
            log.append(
                    "solve",
                    "installing the submitted " + locked.format() + " lockfile: "
                            + locked.conda().size() + " conda packages and "
                            + locked.pip().size() + " pip wheels, no solve");
        } else {
            EnvironmentSpecification spec = (EnvironmentSpecification) plan.specification();
            LockOptions options = lockOptions(plan, spec);
            if (options.platforms().size() > 1) {
                log.append(
                        "solve",
                        "locking "
                                + options.platforms().stream()
                                        .map(Platform::subdir)
                                        .toList() + " (conda_solve_platforms); installing "
                                + platform().subdir());
            }
            engine().lock(
                            spec.condaDependencies(),
                            channelUrls(plan),
                            options,
                            file,
                            line -> log.append("solve", line));
            if (spec.pipDependencies() != null && !spec.pipDependencies().isEmpty()) {
                engine().lockPip(
                                spec.pipDependencies(),
                                pipStore(),
                                options.platforms(),
                                file,
                                options.maxSolveTime(),
                                line -> log.append("solve", line));
            }
        }
        return file;
    }

    /**
     * The build's own platform first, then the other {@code conda_solve_platforms}; the specification's
     * {@code variables} (CONDA_OVERRIDE_CUDA, _GLIBC, _OSX set the virtual packages); {@code conda_max_solve_time}.
     */
    private LockOptions lockOptions(BuildPlan plan, EnvironmentSpecification spec) {
        List<Platform> platforms = new ArrayList<>();
        platforms.add(platform());
        for (String subdir : plan.settings().solvePlatforms()) {
            platforms.add(Platform.parse(subdir));
        }
        Map<String, String> variables = new LinkedHashMap<>();
        if (spec.variables() != null) {
            spec.variables().forEach((k, v) -> variables.put(k, v == null ? "" : String.valueOf(v)));
        }
        return new LockOptions(platforms, variables, plan.settings().maxSolveTime());
    }

    /** The plan's channels as URLs, bare names expanded under its {@code conda_channel_alias}. */
    private List<String> channelUrls(BuildPlan plan) {
        return plan.channels().stream()
                .map(c -> channels.resolve(c, plan.settings().channelAlias()))
                .toList();
    }

    /**
     * Gives the finished prefix the {@code default_permissions} mode and the {@code default_uid}/{@code default_gid}
     * owner, as conda-store does once a build is installed.
     */
    void applyOwnership(BuildPlan plan, BuildLog log) throws IOException {
        PrefixOwnership ownership = new PrefixOwnership(
                plan.settings().permissions(),
                plan.settings().uid(),
                plan.settings().gid());
        PrefixOwnership.Outcome outcome = ownership.apply(plan.buildPath());
        if (outcome.modeChanged() || outcome.ownerChanged()) {
            log.append(
                    "artifacts",
                    "prefix given " + ownership.describe() + " (" + outcome.entries()
                            + " entries; default_permissions, default_uid, default_gid)");
        }
    }

    /** @return the records of the build's lockfile in link order (read from the file: once per job execution) */
    List<PackageRecord> lockedRecords(BuildPlan plan) {
        try {
            return engine().lockedRecords(plan.artifactDir().resolve(LOCKFILE), platform());
        } catch (IOException e) {
            throw BuildLog.unchecked("cannot read the build's lockfile", e);
        }
    }

    /** @return the pip wheels of the build's lockfile in file order (empty without pip dependencies) */
    List<PinnedWheel> lockedWheels(BuildPlan plan) {
        try {
            return engine().lockedWheels(plan.artifactDir().resolve(LOCKFILE), platform());
        } catch (IOException e) {
            throw BuildLog.unchecked("cannot read the build's lockfile", e);
        }
    }

    /** Makes sure a wheel is downloaded (sha256 verified) into the store's shared wheel cache. */
    void fetchWheel(BuildPlan plan, PinnedWheel wheel) throws IOException {
        engine().fetchWheel(wheel, pipLines(plan), pipStore());
    }

    /**
     * Installs a wheel into the build prefix for the python among the build's records.
     *
     * @return true if it was installed now, false if an earlier execution had installed it
     */
    boolean installWheel(BuildPlan plan, List<PackageRecord> records, PinnedWheel wheel) throws IOException {
        return !engine().installWheel(plan.buildPath(), records, platform(), wheel, pipLines(plan), pipStore())
                .alreadyInstalled();
    }

    /** The store's pip directory: the wheel cache shared by all builds and the index cache. */
    private Path pipStore() {
        return config.storeDir().resolve("cache");
    }

    /** The {@code pip:} lines of the plan (their index options give credentials and trusted hosts), or none. */
    private static List<String> pipLines(BuildPlan plan) {
        return plan.specification() instanceof EnvironmentSpecification spec && spec.pipDependencies() != null
                ? spec.pipDependencies()
                : List.of();
    }

    /**
     * Makes sure a record is downloaded and extracted in the shared package cache.
     *
     * @return true if it was downloaded now, false if the cache already had it
     */
    boolean fetch(PackageRecord record) throws IOException {
        return engine().fetchIfMissing(record);
    }

    /** Opens the link transaction of the build's records (in link order): one per job execution. */
    Transaction openLinking(BuildPlan plan, List<PackageRecord> records) throws IOException {
        Files.createDirectories(plan.buildPath());
        return engine().openLinking(plan.buildPath(), records, List.of());
    }

    /** Writes the prefix's history entry once every record is linked (idempotent). */
    void finishLink(BuildPlan plan, List<PackageRecord> records) throws IOException {
        engine().finishLinking(plan.buildPath(), records, List.of());
    }

    /** Writes the environment export YAML; returns its path. */
    Path exportYaml(BuildPlan plan, List<PackageRecord> records, List<PinnedWheel> wheels) throws IOException {
        Path file = plan.artifactDir().resolve(EXPORT);
        Files.writeString(
                file,
                engine().exportYaml(
                                plan.environmentName(),
                                channelUrls(plan),
                                records,
                                wheels,
                                plan.buildPath().toString()));
        return file;
    }

    /** Writes the conda-pack archive of the prefix; returns its path. */
    Path pack(BuildPlan plan) throws IOException {
        Path file = plan.artifactDir().resolve(ARCHIVE);
        Files.deleteIfExists(file);
        engine().pack(plan.buildPath(), file);
        return file;
    }
}
