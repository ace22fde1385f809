package io.terrarium.conda.lock;

import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.repodata.UrlCredentials;
import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conda-lock v1 lockfile ({@code conda-lock.yml}, CEP 37): what was solved for which platforms from which inputs,
 * and the pinned packages. Read and write it with {@link CondaLockYaml}.
 */
public record CondaLock(Metadata metadata, List<LockedPackage> packages) {

    /** The only lockfile version conda-lock v1 files carry. */
    public static final int VERSION = 1;

    public CondaLock {
        packages = List.copyOf(packages);
    }

    /**
     * A channel as conda-lock records it: a name or URL, and the environment variables its URL used. Credentials in
     * the URL are masked ({@link UrlCredentials#redact}): a lockfile is shared, and its packages' URLs never need them.
     */
    public record LockChannel(String url, List<String> usedEnvVars) {
        public LockChannel {
            url = UrlCredentials.redact(url);
            usedEnvVars = List.copyOf(usedEnvVars);
        }

        public static LockChannel of(String url) {
            return new LockChannel(url, List.of());
        }
    }

    /**
     * {@code metadata}: per-platform content hashes of the inputs, channels, platforms, source files, and the
     * optional sections (time, git, inputs, custom metadata) kept as read.
     */
    public record Metadata(
            Map<String, String> contentHash,
            List<LockChannel> channels,
            List<String> platforms,
            List<String> sources,
            Map<String, Object> optional) {
        public Metadata {
            contentHash = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contentHash));
            channels = List.copyOf(channels);
            platforms = List.copyOf(platforms);
            sources = List.copyOf(sources);
            optional = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(optional));
        }
    }

    /**
     * A lock of solved records: one {@code package} entry per record and platform.
     *
     * @param solved  platform subdir -> the records solved for it
     * @param hashes  platform subdir -> content hash of the inputs ({@link ContentHash})
     * @param sources the input files, as paths relative to the lockfile (may be empty)
     */
    public static CondaLock of(
            Map<String, ? extends Collection<PackageRecord>> solved,
            List<LockChannel> channels,
            Map<String, String> hashes,
            List<String> sources) {
        return of(solved, Map.of(), channels, hashes, sources);
    }

    /**
     * A lock of solved records and the pip wheels resolved on top of them: the conda entries of a platform, then
     * its pip entries, each sorted by name.
     *
     * @param pip platform subdir -> the wheels resolved for it (platforms without pip may be absent)
     */
    public static CondaLock of(
            Map<String, ? extends Collection<PackageRecord>> solved,
            Map<String, ? extends Collection<PinnedWheel>> pip,
            List<LockChannel> channels,
            Map<String, String> hashes,
            List<String> sources) {
        List<LockedPackage> packages = new ArrayList<>();
        solved.forEach((platform, records) -> {
            List<PackageRecord> sorted = new ArrayList<>(records);
            sorted.sort(java.util.Comparator.comparing(PackageRecord::name));
            for (PackageRecord r : sorted) {
                packages.add(LockedPackage.of(r, platform));
            }
            List<PinnedWheel> wheels = new ArrayList<>();
            if (pip.containsKey(platform)) {
                wheels.addAll(pip.get(platform));
            }
            wheels.sort(java.util.Comparator.comparing(PinnedWheel::name));
            for (PinnedWheel w : wheels) {
                packages.add(LockedPackage.of(w, platform));
            }
        });
        Metadata md = new Metadata(hashes, channels, new ArrayList<>(solved.keySet()), sources, Map.of());
        return new CondaLock(md, packages);
    }

    /** All categories present ({@code main} first when present). */
    public Set<String> categories() {
        Set<String> out = new LinkedHashSet<>();
        if (packages.stream().anyMatch(p -> p.category().equals(LockedPackage.MAIN))) {
            out.add(LockedPackage.MAIN);
        }
        packages.forEach(p -> out.add(p.category()));
        return out;
    }

    /** The conda records for {@code platform} in every category, once each. */
    public List<PackageRecord> condaRecords(String platform) {
        return condaRecords(platform, null);
    }

    /**
     * The conda records for {@code platform} whose category is in {@code categories} ({@code null}: all), once each
     * even when several categories list the same package, in file order.
     *
     * @throws LockfileFormatException when the lock does not cover {@code platform}
     */
    public List<PackageRecord> condaRecords(String platform, Set<String> categories) {
        return select(platform, categories, LockedPackage.Manager.CONDA).stream()
                .map(LockedPackage::toRecord)
                .toList();
    }

    /** The pip entries for {@code platform} (conda installs them after the conda packages, with the env's pip). */
    public List<LockedPackage> pipPackages(String platform, Set<String> categories) {
        return select(platform, categories, LockedPackage.Manager.PIP);
    }

    /** The wheels the pip entries for {@code platform} pin, in every category, once each, to install as locked. */
    public List<PinnedWheel> pipWheels(String platform) {
        return pipPackages(platform, null).stream()
                .map(LockedPackage::toPinnedWheel)
                .toList();
    }

    private List<LockedPackage> select(String platform, Set<String> categories, LockedPackage.Manager manager) {
        if (!metadata.platforms().isEmpty() && !metadata.platforms().contains(platform)) {
            throw new LockfileFormatException("the lockfile has no packages for platform " + platform + " (it locks "
                    + String.join(", ", metadata.platforms()) + ")");
        }
        Map<String, LockedPackage> byName = new LinkedHashMap<>();
        for (LockedPackage p : packages) {
            if (p.manager() != manager || !p.platform().equals(platform)) {
                continue;
            }
            if (categories != null && !categories.contains(p.category())) {
                continue;
            }
            LockedPackage seen = byName.putIfAbsent(p.name(), p);
            if (seen != null && !sameArtifact(seen, p)) {
                throw new LockfileFormatException("the lockfile pins " + p.name() + " twice for " + platform
                        + " with different artifacts: " + seen.url() + " (" + seen.category() + ") and " + p.url()
                        + " (" + p.category() + ")");
            }
        }
        return List.copyOf(byName.values());
    }

    private static boolean sameArtifact(LockedPackage a, LockedPackage b) {
        return a.url().equals(b.url())
                && java.util.Objects.equals(a.sha256(), b.sha256())
                && java.util.Objects.equals(a.md5(), b.md5());
    }
}
