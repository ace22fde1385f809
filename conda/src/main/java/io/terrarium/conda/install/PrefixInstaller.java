package io.terrarium.conda.install;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Links records from the package cache into a prefix (conda's link step): the entry point of the installer.
 *
 * <p>{@link #install} links a whole list and is idempotent: rerun after a crash, it skips the records already
 * linked and finishes the rest, giving the prefix a clean run gives. {@link #transaction} exposes the same work one
 * record at a time for callers that checkpoint (a batch chunk step).
 */
public final class PrefixInstaller {
    private final InstallOptions options;

    public PrefixInstaller(InstallOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public PrefixInstaller() {
        this(InstallOptions.defaults());
    }

    public InstallOptions options() {
        return options;
    }

    /** Links every record of {@code links} (in order) not yet linked into {@code prefix}, then records history. */
    public InstallResult install(Path prefix, List<LinkRequest> links, LinkProgress progress) throws IOException {
        return transaction(prefix, links).run(progress == null ? LinkProgress.none() : progress);
    }

    /** A transaction over {@code links}, for linking record by record. */
    public Transaction transaction(Path prefix, List<LinkRequest> links) throws IOException {
        return new Transaction(prefix, links, options);
    }

    /**
     * Ends an install that was linked record by record (a batch step's chunks, possibly across restarts): appends
     * the history block for {@code records} unless the last block already records them all, and removes the staging
     * directory. What {@link Transaction#finish()} does, without opening a transaction: it reads no conda-meta record
     * and needs no extracted package.
     *
     * @param records        every record of the install, in link order
     * @param requestedSpecs the user's specs (the block's update specs); may be empty
     */
    public void recordHistory(Path prefix, List<PackageRecord> records, List<String> requestedSpecs)
            throws IOException {
        PrefixWriter writer = new PrefixWriter(prefix);
        try (PrefixLock lock = PrefixLock.acquire(writer.prefix())) {
            HistoryEntry.appendOnce(lock, options, records, requestedSpecs);
            writer.clearStaging();
        }
    }

    /** Whether {@code record} is fully linked in {@code prefix}: its conda-meta record exists and describes it. */
    public static boolean isLinked(Path prefix, PackageRecord record) throws IOException {
        Optional<PrefixRecord> r = PrefixData.read(prefix, record);
        return r.isPresent() && matches(r.get().record(), record);
    }

    /** Same dist, and the same artifact where both sides know a checksum or channel. */
    static boolean matches(PackageRecord installed, PackageRecord wanted) {
        if (!installed.dist().equals(wanted.dist())) {
            return false;
        }
        if (installed.sha256() != null && wanted.sha256() != null) {
            return installed.sha256().equalsIgnoreCase(wanted.sha256());
        }
        if (installed.md5() != null && wanted.md5() != null) {
            return installed.md5().equalsIgnoreCase(wanted.md5());
        }
        if (installed.channel() != null && wanted.channel() != null) {
            return trimSlash(installed.channel()).equals(trimSlash(wanted.channel()));
        }
        return true;
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
