package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.index.DistributionFile;
import io.terrarium.conda.pip.index.IndexException;
import io.terrarium.conda.pip.index.SimpleIndexClient;
import io.terrarium.conda.pip.metadata.CoreMetadata;
import io.terrarium.conda.pip.metadata.InvalidMetadataException;
import io.terrarium.conda.pip.metadata.RangedWheelMetadata;
import io.terrarium.conda.pip.metadata.WheelMetadataReader;
import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.version.PipVersion;
import io.terrarium.conda.pip.version.SpecifierSet;
import io.terrarium.conda.pip.wheel.CompatibleTags;
import io.terrarium.conda.pip.wheel.InvalidWheelException;
import io.terrarium.conda.pip.wheel.WheelCache;
import io.terrarium.conda.pip.wheel.WheelFilename;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the indexes offer a target, read once per resolve: each project's installable versions (best compatible
 * wheel per version, Requires-Python respected) and each chosen wheel's core metadata, from its PEP 658 file when
 * the index has one, else from the wheel's METADATA read with HTTP range requests, else from the whole wheel,
 * downloaded into the shared {@link WheelCache}.
 */
public final class PackageSource {
    private final SimpleIndexClient client;
    private final WheelCache wheels;
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();
    private final Map<String, CoreMetadata> metadata = new ConcurrentHashMap<>();

    public PackageSource(SimpleIndexClient client, WheelCache wheels) {
        this.client = client;
        this.wheels = wheels;
    }

    /** The project's offer for the target (cached for this source's lifetime). */
    Offer offer(PackageName name, PipTarget target, CompatibleTags tags, PipVersion python) {
        return offers.computeIfAbsent(name.normalized() + " " + target, n -> read(name, tags, python));
    }

    private Offer read(PackageName name, CompatibleTags tags, PipVersion python) {
        List<DistributionFile> files;
        try {
            files = client.project(name).files();
        } catch (IndexException e) {
            throw new PipResolveException("cannot read the index for " + name + ": " + e.getMessage(), e);
        }
        Map<PipVersion, Candidate> best = new HashMap<>();
        Map<PipVersion, Integer> bestRank = new HashMap<>();
        Map<PipVersion, String> sdists = new TreeMap<>(Comparator.reverseOrder());
        Map<PipVersion, String> unusable = new TreeMap<>(Comparator.reverseOrder());
        for (DistributionFile f : files) {
            if (!f.isWheel()) {
                PipVersion v = sdistVersion(name, f.filename());
                if (v != null) {
                    sdists.putIfAbsent(v, f.filename());
                }
                continue;
            }
            WheelFilename w;
            try {
                w = WheelFilename.parse(f.filename());
            } catch (InvalidWheelException e) {
                continue;
            }
            if (!w.name().equals(name)) {
                continue;
            }
            if (f.requiresPython() != null && !requiresPythonAllows(f.requiresPython(), python)) {
                unusable.putIfAbsent(w.version(), "requires python " + f.requiresPython());
                continue;
            }
            int rank = tags.rank(w);
            if (rank < 0) {
                unusable.putIfAbsent(w.version(), "has no wheel for this platform (" + f.filename() + ")");
                continue;
            }
            Integer prev = bestRank.get(w.version());
            if (prev == null || rank < prev) {
                best.put(w.version(), new Candidate(w.version(), f));
                bestRank.put(w.version(), rank);
            }
        }
        List<Candidate> candidates = new ArrayList<>(best.values());
        candidates.sort(Comparator.comparing(Candidate::version).reversed());
        for (Candidate c : candidates) {
            unusable.remove(c.version());
            sdists.remove(c.version());
        }
        for (PipVersion v : unusable.keySet()) {
            sdists.remove(v);
        }
        return new Offer(candidates, sdists, unusable);
    }

    private static boolean requiresPythonAllows(String spec, PipVersion python) {
        try {
            return SpecifierSet.parse(spec).contains(python, true);
        } catch (IllegalArgumentException e) {
            return true; // pip ignores an invalid data-requires-python
        }
    }

    /** The version in an sdist name ({@code pkg-s-1.0.tar.gz}), or null when it does not name this project. */
    static PipVersion sdistVersion(PackageName name, String filename) {
        String lower = filename.toLowerCase(Locale.ROOT);
        String stem = null;
        for (String ext : new String[] {".tar.gz", ".zip", ".tar.bz2", ".tar.xz", ".tgz", ".tar"}) {
            if (lower.endsWith(ext)) {
                stem = filename.substring(0, filename.length() - ext.length());
                break;
            }
        }
        if (stem == null) {
            return null;
        }
        for (int i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
            if (PackageName.normalize(stem.substring(0, i)).equals(name.normalized())) {
                return PipVersion.tryParse(stem.substring(i + 1));
            }
        }
        return null;
    }

    /** The core metadata of a candidate's wheel. */
    CoreMetadata metadata(Candidate c) {
        return metadata.computeIfAbsent(c.file().url(), u -> readMetadata(c.file()));
    }

    private CoreMetadata readMetadata(DistributionFile f) {
        try {
            if (f.hasMetadata()) {
                return CoreMetadata.parse(client.metadata(f), f.filename());
            }
            byte[] ranged = RangedWheelMetadata.read(client.http(), f.url());
            if (ranged != null) {
                return CoreMetadata.parse(ranged, f.filename());
            }
            return WheelMetadataReader.read(wheels.fetch(f.filename(), f.url(), f.sha256()));
        } catch (IndexException | InvalidMetadataException e) {
            throw new PipResolveException("cannot read the metadata of " + f.filename() + ": " + e.getMessage(), e);
        }
    }
}
