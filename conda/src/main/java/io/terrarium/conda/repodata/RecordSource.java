package io.terrarium.conda.repodata;

import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The records of one channel subdir by name, parsed already ({@link SubdirRepodata}), on demand ({@link LazySubdir}),
 * or fetched shard by shard ({@link ShardedSubdir}).
 */
interface RecordSource {
    /** Names with at least one record. */
    Set<String> names();

    /** Records named {@code name} in repodata order; empty when there are none. */
    List<PackageRecord> recordsNamed(String name);

    /** Total number of records; for a sharded subdir, of the shards loaded so far. */
    int size();

    /**
     * Hands every record to {@code consumer}, name by name, without keeping what it parses for later requests: a
     * caller walking a whole channel once must not end up holding all of it.
     */
    default void forEachRecordOnce(Consumer<PackageRecord> consumer) {
        for (String name : names()) {
            recordsNamed(name).forEach(consumer);
        }
    }
}
