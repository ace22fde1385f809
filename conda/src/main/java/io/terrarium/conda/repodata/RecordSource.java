package io.terrarium.conda.repodata;

import io.terrarium.conda.types.PackageRecord;

import java.util.List;
import java.util.Set;

/** The records of one channel subdir by name, parsed already ({@link SubdirRepodata}) or on demand ({@link LazySubdir}). */
interface RecordSource {
    /** Names with at least one record. */
    Set<String> names();

    /** Records named {@code name} in repodata order; empty when there are none. */
    List<PackageRecord> recordsNamed(String name);

    /** Total number of records. */
    int size();
}
