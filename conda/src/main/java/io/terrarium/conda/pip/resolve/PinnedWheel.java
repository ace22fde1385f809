package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.version.PipVersion;

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
 */
public record PinnedWheel(PackageName name, PipVersion version, String filename, String url, String sha256,
                          boolean requested) {
}
