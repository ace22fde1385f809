package io.terrarium.batch;

import io.terrarium.conda.install.InstallOptions;
import io.terrarium.conda.install.LinkOrder;
import io.terrarium.conda.install.LinkRequest;
import io.terrarium.conda.install.PrefixInstaller;
import io.terrarium.conda.install.Transaction;
import io.terrarium.conda.lock.CondaLock;
import io.terrarium.conda.pack.CondaPacker;
import io.terrarium.conda.pkg.PackageCache;
import io.terrarium.conda.lock.CondaLockYaml;
import io.terrarium.conda.lock.EnvironmentExport;
import io.terrarium.conda.lock.Lockfiles;
import io.terrarium.conda.repodata.Channel;
import io.terrarium.conda.repodata.ChannelConfig;
import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.solve.SolveRequest;
import io.terrarium.conda.solve.SolveResult;
import io.terrarium.conda.solve.Solver;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import io.terrarium.domain.model.specification.EnvironmentSpecification;
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
 * The build job's single gateway to the conda engine: solving a plan into a lockfile, reading it back,
 * fetching and linking one record, exporting and packing the prefix. Keeps engine types and settings
 * (channel alias, package cache, platform) out of the step classes.
 */
@ApplicationScoped
public class BuildEngine {

    static final String LOCKFILE = "lockfile.yml";
    static final String EXPORT = "environment.yaml";
    static final String ARCHIVE = "environment.tar.gz";

    @Inject
    TerrariumConfig config;

    @Inject
    ChannelResolver channels;

    private final Solver solver = new Solver();
    private volatile PackageCache cache;

    ChannelConfig channelConfig() {
        return ChannelConfig.defaults()
                .withChannelAlias(config.channelAlias())
                .withCacheDir(config.storeDir().resolve("cache").resolve("repodata"));
    }

    String platform() {
        return config.platform();
    }

    /** Solves the plan (or takes its submitted lockfile) and writes the conda-lock file; returns its path. */
    Path lock(BuildPlan plan, BuildLog log) throws IOException {
        Path file = plan.artifactDir().resolve(LOCKFILE);
        Files.createDirectories(plan.artifactDir());
        if (plan.lockfile()) {
            Path submitted = plan.artifactDir().resolve("submitted-lockfile");
            Files.writeString(submitted, plan.specification());
            Lockfiles.Locked locked = Lockfiles.read(submitted, platform(), null, null); // null: every category
            CondaLock lock = CondaLock.of(Map.of(platform(), locked.conda()), List.of(), Map.of(), List.of());
            CondaLockYaml.write(file, lock);
            log.append("solve", "installing the submitted " + locked.format() + " lockfile: "
                    + locked.conda().size() + " packages, no solve");
            return file;
        }
        EnvironmentSpecification spec = EnvironmentSpecification.parse(plan.specification());
        ChannelConfig channelConfig = channelConfig();
        Platform platform = Platform.parse(platform());
        List<String> urls = new ArrayList<>();
        List<Channel> resolved = new ArrayList<>();
        for (String c : plan.channels()) {
            String url = channels.resolve(c);
            urls.add(url);
            resolved.add(Channel.parse(url, channelConfig));
        }
        log.append("solve", "solving " + spec.condaDependencies() + " for " + platform() + " on " + urls);
        long t0 = System.nanoTime();
        RepoIndex index = RepoIndex.load(resolved, platform, channelConfig);
        log.append("solve", "loaded " + index.size() + " records in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        SolveRequest request = SolveRequest.builder(index)
                .specs(spec.condaDependencies().stream().map(io.terrarium.conda.types.MatchSpec::parse).toList())
                .virtualPackages(io.terrarium.conda.solve.VirtualPackages.detect(platform))
                .build();
        SolveResult result = solver.solve(request);
        log.append("solve", "solved in " + result.elapsed().toMillis() + " ms: " + result.records().size() + " packages");
        for (PackageRecord r : result.records()) {
            log.append("solve", "  " + r.name() + " " + r.version() + " " + r.build() + "  " + r.channel());
        }
        Map<String, List<PackageRecord>> solved = new LinkedHashMap<>();
        solved.put(platform(), result.records());
        CondaLock lock = CondaLock.of(solved, urls.stream().map(CondaLock.LockChannel::of).toList(), Map.of(), List.of());
        CondaLockYaml.write(file, lock);
        return file;
    }

    /** @return the records of the build's lockfile, each after the records it depends on (link order) */
    List<PackageRecord> lockedRecords(BuildPlan plan) {
        try {
            return LinkOrder.sort(CondaLockYaml.read(plan.artifactDir().resolve(LOCKFILE)).condaRecords(platform()));
        } catch (IOException e) {
            throw BuildLog.unchecked("cannot read the build's lockfile", e);
        }
    }

    /**
     * Makes sure a record is downloaded and extracted in the shared package cache.
     *
     * @return true if it was downloaded now, false if the cache already had it
     */
    boolean fetch(PackageRecord record) throws IOException {
        PackageCache cache = packageCache();
        if (cache.isExtracted(record)) {
            return false;
        }
        cache.ensureExtracted(record);
        return true;
    }

    /** @return where the package cache keeps the extracted record */
    Path extractedDir(PackageRecord record) throws IOException {
        return packageCache().extractedPath(record);
    }

    private PackageCache packageCache() throws IOException {
        PackageCache c = cache;
        if (c == null) {
            c = new PackageCache(config.packageCacheDir());
            cache = c;
        }
        return c;
    }

    /**
     * Opens the link transaction of a build: every locked record with its extracted directory in the package
     * cache, so the installer knows the whole environment (its python, file owners) while linking one record.
     */
    Transaction linkTransaction(BuildPlan plan) throws IOException {
        List<LinkRequest> links = new ArrayList<>();
        for (PackageRecord r : lockedRecords(plan)) {
            links.add(LinkRequest.of(r, extractedDir(r)));
        }
        Files.createDirectories(plan.buildPath());
        return new PrefixInstaller(InstallOptions.defaults()).transaction(plan.buildPath(), links);
    }

    /** Writes the prefix's history entry once every record is linked (idempotent). */
    void finishLink(BuildPlan plan) throws IOException {
        linkTransaction(plan).finish();
    }

    /** Writes the environment export YAML; returns its path. */
    Path exportYaml(BuildPlan plan) throws IOException {
        Path file = plan.artifactDir().resolve(EXPORT);
        List<String> urls = plan.channels().stream().map(channels::resolve).toList();
        String yaml = EnvironmentExport.render(plan.environmentName(), urls, lockedRecords(plan),
                plan.buildPath().toString());
        Files.writeString(file, yaml);
        return file;
    }

    /** Writes the conda-pack archive of the prefix; returns its path. */
    Path pack(BuildPlan plan) throws IOException {
        Path file = plan.artifactDir().resolve(ARCHIVE);
        Files.deleteIfExists(file);
        new CondaPacker().pack(plan.buildPath(), file);
        return file;
    }
}
