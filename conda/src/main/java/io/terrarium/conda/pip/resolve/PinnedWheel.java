package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.version.PipVersion;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One wheel a resolution chose: what a lockfile records ({@code manager: pip}, url, sha256) and what the fetch and
 * install steps take, one at a time.
 *
 * @param name      the normalised name
 * @param version   the version
 * @param filename  the wheel's file name
 * @param url       where to download it, without credentials (the fetch takes them from the index URL of
 *                  the same origin, as pip does)
 * @param sha256    its SHA-256 from the index, or null when the index gave none
 * @param requested whether the user asked for it (rather than a dependency), for the {@code REQUESTED} file
 * @param dependencies the requirements it brought in for the target, normalised name to specifiers ({@code ""} for
 *                  any version), as conda-lock's {@code dependencies} of a pip entry; empty when read back from a
 *                  lockfile that has none
 */
public record PinnedWheel(
        PackageName name,
        PipVersion version,
        String filename,
        String url,
        String sha256,
        boolean requested,
        Map<String, String> dependencies) {

    public PinnedWheel {
        dependencies = Collections.unmodifiableMap(new TreeMap<>(dependencies));
    }

    /** A pin as a lockfile gives it back, without dependencies. */
    public PinnedWheel(
            PackageName name, PipVersion version, String filename, String url, String sha256, boolean requested) {
        this(name, version, filename, url, sha256, requested, Map.of());
    }
}
