package io.terrarium.conda.install;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Appends the {@code conda-meta/history} block of one install, once: the block that ends every install, whether it
 * ran as one {@link Transaction} or record by record across restarts ({@link PrefixInstaller#recordHistory}).
 */
final class HistoryEntry {
    private HistoryEntry() {}

    /**
     * Appends the block for {@code records} (in link order) unless the last block already records all of them (a
     * rerun of a finished install, or a resumed one whose first run got this far).
     *
     * @param requestedSpecs the user's specs, recorded as the block's update specs; may be empty
     */
    static void appendOnce(
            PrefixLock lock, InstallOptions options, List<PackageRecord> records, List<String> requestedSpecs)
            throws IOException {
        String history = lock.readHistory();
        Set<String> last = History.lastBlockChanges(history);
        boolean recorded = true;
        for (PackageRecord r : records) {
            recorded &= last.contains("+" + History.distLine(r));
        }
        if (recorded) {
            return;
        }
        // the replaced records are those the history still lists under a name this list installs; derived from
        // the history rather than remembered, so a run resumed after a crash writes the same block
        Map<String, String> before = History.installedByName(history);
        List<String> removed = new ArrayList<>();
        for (PackageRecord r : records) {
            String old = before.get(r.name());
            if (old != null && !old.equals(History.distLine(r))) {
                removed.add(old);
            }
        }
        lock.appendHistory(
                History.block(options.clock().instant(), options.command(), records, removed, requestedSpecs));
    }
}
