package io.terrarium.conda.pkg;

/**
 * Guards against decompression bombs while extracting: a cap on the total bytes written, a cap on the number of
 * entries, and a cap on the expansion ratio (bytes written per compressed byte read) once an entry or the whole
 * archive has expanded beyond {@code ratioThresholdBytes}.
 *
 * @param maxTotalBytes       most bytes of file content one archive may expand to
 * @param maxEntries          most entries one archive may hold
 * @param maxRatio            most bytes written per compressed byte, checked past the threshold
 * @param ratioThresholdBytes expansion below which the ratio is not checked (small, highly compressible files are normal)
 */
public record ExtractionLimits(long maxTotalBytes, long maxEntries, long maxRatio, long ratioThresholdBytes) {
    /** 20 GiB, a million entries, 1000:1 past 256 MiB. */
    public static final ExtractionLimits DEFAULT = new ExtractionLimits(20L << 30, 1_000_000, 1000, 256L << 20);

    public ExtractionLimits {
        if (maxTotalBytes <= 0 || maxEntries <= 0 || maxRatio <= 0 || ratioThresholdBytes < 0) {
            throw new IllegalArgumentException("extraction limits must be positive");
        }
    }

    public ExtractionLimits withMaxTotalBytes(long v) {
        return new ExtractionLimits(v, maxEntries, maxRatio, ratioThresholdBytes);
    }

    public ExtractionLimits withRatio(long ratio, long thresholdBytes) {
        return new ExtractionLimits(maxTotalBytes, maxEntries, ratio, thresholdBytes);
    }
}
