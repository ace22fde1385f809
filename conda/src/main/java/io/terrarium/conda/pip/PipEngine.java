package io.terrarium.conda.pip;

import io.terrarium.conda.install.PrefixData;
import io.terrarium.conda.install.PrefixRecord;
import io.terrarium.conda.pip.index.HttpSource;
import io.terrarium.conda.pip.index.IndexConfig;
import io.terrarium.conda.pip.index.SimpleIndexClient;
import io.terrarium.conda.pip.install.SchemeLayout;
import io.terrarium.conda.pip.install.WheelInstallResult;
import io.terrarium.conda.pip.install.WheelInstaller;
import io.terrarium.conda.pip.requirement.Requirement;
import io.terrarium.conda.pip.resolve.CondaProvided;
import io.terrarium.conda.pip.resolve.PackageSource;
import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.pip.resolve.PipResolution;
import io.terrarium.conda.pip.resolve.PipResolver;
import io.terrarium.conda.pip.resolve.PipTarget;
import io.terrarium.conda.pip.wheel.WheelCache;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pip side's front door for a build job or the CLI, in the three steps a checkpointed job runs: {@link #resolve}
 * once (to pinned wheels a lockfile can record), then {@link #fetch} and {@link #install} one wheel per chunk; both
 * are idempotent, so a restarted step repeats a chunk safely.
 */
public final class PipEngine {
    private final IndexConfig indexes;
    private final HttpSource http;
    private final WheelCache cache;

    /**
     * @param indexes  the indexes to read ({@link PipSection#indexes()})
     * @param wheelDir the store's shared wheel cache directory
     */
    public PipEngine(IndexConfig indexes, Path wheelDir) {
        this.indexes = indexes;
        this.http = new HttpSource(indexes);
        this.cache = new WheelCache(wheelDir, http);
    }

    public IndexConfig indexes() {
        return indexes;
    }

    /**
     * The target of a conda solution: its {@code python} record's version on {@code condaPlatform}; empty when the
     * solution has no python (then there is nothing pip can install into).
     */
    public static Optional<PipTarget> target(Collection<PackageRecord> condaSolution, String condaPlatform) {
        return condaSolution.stream()
                .filter(r -> r.name().equals("python"))
                .findFirst()
                .map(r -> PipTarget.of(r.versionText(), condaPlatform));
    }

    /**
     * The conda records as pip sees them by their names (name and PEP 440 version; others cannot satisfy a pip
     * requirement). Where the records' file lists are at hand, {@link #condaProvided(Path)} or
     * {@link CondaProvided#fromFiles} also know the PyPI names conda packages install under other names.
     */
    public static List<CondaProvided> condaProvided(Collection<PackageRecord> condaSolution) {
        List<CondaProvided> out = new ArrayList<>();
        for (PackageRecord r : condaSolution) {
            CondaProvided c = CondaProvided.of(r.name(), r.versionText());
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * What the conda packages linked into {@code prefix} provide to pip: the {@code .dist-info}/{@code .egg-info}
     * directories among their files (the PyPI names and versions), then their conda names.
     */
    public static List<CondaProvided> condaProvided(Path prefix) {
        Map<String, CondaProvided> out = new LinkedHashMap<>();
        try {
            PrefixData data = PrefixData.load(prefix);
            for (PrefixRecord r : data.records()) {
                for (CondaProvided c : CondaProvided.fromFiles(r.files())) {
                    out.putIfAbsent(c.name().normalized(), c);
                }
            }
            for (CondaProvided c : condaProvided(data.packageRecords())) {
                out.putIfAbsent(c.name().normalized(), c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conda-meta of " + prefix + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(out.values());
    }

    /** Resolves the requirements to pinned wheels; see {@link PipResolver#resolve}. */
    public PipResolution resolve(
            List<Requirement> requirements, PipTarget target, Collection<CondaProvided> conda, Instant deadline) {
        return resolve(requirements, false, target, conda, deadline);
    }

    /** Resolves a pip section (its requirements and {@code --pre}); see {@link PipResolver#resolve}. */
    public PipResolution resolve(
            PipSection section, PipTarget target, Collection<CondaProvided> conda, Instant deadline) {
        return resolve(section.requirements(), section.preReleases(), target, conda, deadline);
    }

    private PipResolution resolve(
            List<Requirement> requirements,
            boolean preReleases,
            PipTarget target,
            Collection<CondaProvided> conda,
            Instant deadline) {
        PackageSource source = new PackageSource(new SimpleIndexClient(http), cache);
        return new PipResolver(source, preReleases).resolve(requirements, target, conda, deadline);
    }

    /** Brings one pinned wheel into the shared cache (a no-op when it is there); returns its path. */
    public Path fetch(PinnedWheel wheel) {
        return cache.fetch(wheel.filename(), wheel.url(), wheel.sha256());
    }

    /** Installs one pinned wheel (fetching it if needed) into {@code prefix}; skipped when already installed. */
    public WheelInstallResult install(Path prefix, PipTarget target, PinnedWheel wheel) {
        Path file = fetch(wheel);
        WheelInstaller installer =
                new WheelInstaller(prefix, SchemeLayout.of(target.pythonVersion(), target.condaPlatform()), cache);
        return installer.install(file, wheel.sha256(), wheel.requested(), null);
    }
}
