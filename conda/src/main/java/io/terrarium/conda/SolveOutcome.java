package io.terrarium.conda;

import io.terrarium.conda.lock.ContentHash;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A successful solve and the inputs it answered: what a lockfile records.
 *
 * @param specs           the requested match specs, as given
 * @param channels        the channels, as given (names, URLs or paths), in priority order
 * @param platform        the target platform
 * @param virtualPackages the virtual packages the solve assumed
 * @param records         the records to install, dependencies before dependents
 * @param elapsed         wall time of repodata loading and solving
 */
public record SolveOutcome(
        List<String> specs,
        List<String> channels,
        Platform platform,
        List<PackageRecord> virtualPackages,
        List<PackageRecord> records,
        Duration elapsed) {
    public SolveOutcome {
        specs = List.copyOf(specs);
        channels = List.copyOf(channels);
        Objects.requireNonNull(platform, "platform");
        virtualPackages = List.copyOf(virtualPackages);
        records = List.copyOf(records);
    }

    /** The lockfile {@code content_hash} of these inputs ({@link ContentHash}). */
    public String contentHash() {
        Map<String, String> vp = new LinkedHashMap<>();
        for (PackageRecord v : virtualPackages) {
            vp.put(v.name(), v.versionText() + "=" + v.build());
        }
        return ContentHash.of(platform.subdir(), channels, specs, vp);
    }

    /** The requested spec that names {@code record}'s package, or null when it came in as a dependency. */
    public String requestedSpecFor(PackageRecord record) {
        return SpecNames.requestedSpec(specs, record);
    }
}
