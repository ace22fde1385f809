package io.terrarium.conda.install;

import io.terrarium.conda.types.PackageRecord;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One record to link and where its extracted package lies in the package cache.
 *
 * @param record        the repodata record (its {@code depends}/{@code constrains} are what conda-meta records)
 * @param extractedDir  the extracted package directory (holding {@code info/})
 * @param tarball       the package archive in the cache, or null when unknown
 * @param requestedSpec the user's spec that asked for this record, or null when it came in as a dependency
 */
public record LinkRequest(PackageRecord record, Path extractedDir, Path tarball, String requestedSpec) {
    public LinkRequest {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(extractedDir, "extractedDir");
    }

    public static LinkRequest of(PackageRecord record, Path extractedDir) {
        return new LinkRequest(record, extractedDir, null, null);
    }
}
