package io.terrarium.conda.repodata;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records a solve may choose from: every record of the requested channels for one platform, by package name.
 *
 * <p>Immutable and safe to share between threads. Channels are kept in priority order (rank 0 is the highest);
 * within a name, records come channel by channel in that order, then platform subdir before {@code noarch}, then in
 * repodata order. Name lookup is a hash lookup. An index {@linkplain #load loaded} from repodata files parses a name's
 * records on its first lookup (see {@link LazySubdir}); later lookups return the same list.
 */
public final class RepoIndex {
    private final List<String> channelUrls;
    private final Map<String, Integer> rankByUrl;
    private final Map<String, List<PackageRecord>> byName;
    /** Parts whose names are merged on first lookup into {@link #byName}. */
    private final List<RecordSource> sources;

    private final Set<String> names;

    private RepoIndex(
            List<String> channelUrls,
            Map<String, List<PackageRecord>> byName,
            List<RecordSource> sources,
            Set<String> names) {
        this.channelUrls = List.copyOf(channelUrls);
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < this.channelUrls.size(); i++) {
            ranks.putIfAbsent(this.channelUrls.get(i), i);
        }
        this.rankByUrl = ranks;
        this.byName = byName;
        this.sources = List.copyOf(sources);
        this.names = Collections.unmodifiableSet(names);
    }

    /** An index over subdirs given in priority order whose names are merged (and parsed, if lazy) on first lookup. */
    static RepoIndex fromSources(List<String> channelUrls, List<? extends RecordSource> sources) {
        Set<String> names = new java.util.HashSet<>();
        for (RecordSource s : sources) {
            names.addAll(s.names());
        }
        return new RepoIndex(channelUrls, new java.util.concurrent.ConcurrentHashMap<>(), List.copyOf(sources), names);
    }

    /**
     * Loads the {@code platform} subdir and {@code noarch} of every channel (in parallel) and indexes them.
     *
     * @param channels channels in priority order, highest first
     * @throws ChannelNotFoundException when a channel has neither subdir
     * @throws RepodataException        when repodata cannot be fetched or parsed
     */
    public static RepoIndex load(List<Channel> channels, Platform platform, ChannelConfig config) {
        return new RepodataLoader(config).loadIndex(channels, platform);
    }

    /**
     * An index over records given directly (tests, lockfiles): each record's {@code channel} must be one of
     * {@code channelUrlsInPriorityOrder}.
     *
     * @throws IllegalArgumentException naming a record whose channel is not listed
     */
    public static RepoIndex of(List<String> channelUrlsInPriorityOrder, Collection<? extends PackageRecord> records) {
        Set<String> known = Set.copyOf(channelUrlsInPriorityOrder);
        Map<String, Map<String, List<PackageRecord>>> grouped = new HashMap<>();
        for (PackageRecord r : records) {
            if (r.channel() == null || !known.contains(r.channel())) {
                throw new IllegalArgumentException("record " + r.dist() + " has channel '" + r.channel()
                        + "', which is not among the index channels " + channelUrlsInPriorityOrder);
            }
            grouped.computeIfAbsent(r.channel(), c -> new LinkedHashMap<>())
                    .computeIfAbsent(r.name(), n -> new ArrayList<>())
                    .add(r);
        }
        List<SubdirRepodata> parts = new ArrayList<>();
        for (String url : new LinkedHashSet<>(channelUrlsInPriorityOrder)) {
            Map<String, List<PackageRecord>> m = grouped.getOrDefault(url, Map.of());
            int n = 0;
            for (Map.Entry<String, List<PackageRecord>> e : m.entrySet()) {
                n += e.getValue().size();
                e.setValue(Collections.unmodifiableList(e.getValue()));
            }
            parts.add(new SubdirRepodata(url, "", m, n));
        }
        return fromSources(channelUrlsInPriorityOrder, parts);
    }

    /** Records named {@code name} in all channels, in priority order; an empty list when there are none. */
    public List<PackageRecord> recordsNamed(String name) {
        List<PackageRecord> done = byName.get(name);
        if (done != null) {
            return done;
        }
        if (sources.isEmpty() || !names.contains(name)) {
            return List.of();
        }
        List<PackageRecord> merged = null;
        boolean copied = false;
        for (RecordSource s : sources) {
            List<PackageRecord> part = s.recordsNamed(name);
            if (part.isEmpty()) {
                continue;
            }
            if (merged == null) {
                merged = part; // already unmodifiable; copy only when a second subdir adds to it
            } else {
                if (!copied) {
                    merged = new ArrayList<>(merged);
                    copied = true;
                }
                merged.addAll(part);
            }
        }
        List<PackageRecord> result =
                merged == null ? List.of() : copied ? Collections.unmodifiableList(merged) : merged;
        List<PackageRecord> raced = byName.putIfAbsent(name, result);
        return raced != null ? raced : result;
    }

    /** All package names in the index. */
    public Set<String> names() {
        return names;
    }

    /** Canonical channel URLs in priority order, highest first. */
    public List<String> channelUrls() {
        return channelUrls;
    }

    /**
     * Priority rank of the record's channel: 0 for the first channel.
     *
     * @throws IllegalArgumentException when the record's channel is not in this index
     */
    public int channelRank(PackageRecord record) {
        Integer rank = rankByUrl.get(record.channel());
        if (rank == null) {
            throw new IllegalArgumentException("record " + record.dist() + " is from channel '" + record.channel()
                    + "', which is not in this index " + channelUrls);
        }
        return rank;
    }

    /** Priority rank of a channel URL, or -1 when the index does not hold it. */
    public int channelRank(String channelUrl) {
        return rankByUrl.getOrDefault(channelUrl, -1);
    }

    /**
     * Total number of records. A sharded subdir (CEP 16) counts the records of the shards loaded so far: its total is
     * unknown until every shard is fetched, which sharding avoids.
     */
    public int size() {
        int n = 0;
        for (RecordSource s : sources) {
            n += s.size();
        }
        return n;
    }

    @Override
    public String toString() {
        return "RepoIndex[" + size() + " records, " + names.size() + " names, channels " + channelUrls + "]";
    }
}
