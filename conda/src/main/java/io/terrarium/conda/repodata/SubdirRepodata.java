package io.terrarium.conda.repodata;

import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The records of one channel subdir (one {@code repodata.json}), grouped by package name as the parser read them.
 *
 * @param channelUrl canonical channel URL the records belong to
 * @param subdir     the subdir name ({@code linux-64}, {@code noarch}, ...)
 * @param byName     records per package name; every list is non-empty
 * @param size       total number of records
 */
public record SubdirRepodata(String channelUrl, String subdir, Map<String, List<PackageRecord>> byName, int size)
        implements RecordSource {
    public SubdirRepodata {
        Objects.requireNonNull(channelUrl, "channelUrl");
        Objects.requireNonNull(subdir, "subdir");
        Objects.requireNonNull(byName, "byName");
    }

    /** A subdir with no records (a missing subdir counts as empty). */
    public static SubdirRepodata empty(String channelUrl, String subdir) {
        return new SubdirRepodata(channelUrl, subdir, Map.of(), 0);
    }

    @Override
    public Set<String> names() {
        return byName.keySet();
    }

    @Override
    public List<PackageRecord> recordsNamed(String name) {
        return byName.getOrDefault(name, List.of());
    }

    /** All records, name by name. */
    public List<PackageRecord> records() {
        return byName.values().stream().flatMap(List::stream).toList();
    }
}
