package io.terrarium.conda.pip.index;

import java.util.Locale;

/**
 * One file of a project as an index lists it.
 *
 * @param filename       the file name ({@code pkg_a-1.0-py3-none-any.whl}, {@code pkg-a-1.0.tar.gz})
 * @param url            absolute download URL without its hash fragment (may carry credentials)
 * @param sha256         the file's SHA-256 from the index, or null when the index gives none
 * @param requiresPython the {@code Requires-Python} the index states, or null
 * @param hasMetadata    whether {@code <url>.metadata} serves the core metadata (PEP 658/714)
 * @param metadataSha256 that metadata file's SHA-256 when the index gives it, or null
 * @param yanked         the PEP 592 yank reason ({@code ""} when yanked without one), or null when not yanked
 */
public record DistributionFile(
        String filename,
        String url,
        String sha256,
        String requiresPython,
        boolean hasMetadata,
        String metadataSha256,
        String yanked) {

    public boolean isWheel() {
        return filename.toLowerCase(Locale.ROOT).endsWith(".whl");
    }

    public boolean isYanked() {
        return yanked != null;
    }

    /** Where the PEP 658 metadata file is. */
    public String metadataUrl() {
        return url + ".metadata";
    }
}
