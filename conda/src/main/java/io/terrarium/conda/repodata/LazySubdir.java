package io.terrarium.conda.repodata;

import io.terrarium.conda.types.Dist;
import io.terrarium.conda.types.PackageRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One subdir's repodata kept as raw JSON bytes, indexed by package name, whose records are parsed on first request.
 *
 * <p>A solve touches a small share of a large channel's names, so parsing only those (as rattler's sparse repodata
 * does) saves most of the load. The bytes are usually a memory-mapped file: off-heap, shared with the page cache.
 * Which records exist (a {@code .conda} twin replacing its {@code .tar.bz2}, {@code removed} files, newer record
 * versions) is settled by the scan, so {@link #size()} and {@link #names()} are exact before any parse. Thread-safe:
 * parses are serialised per subdir (they share one string pool), reads of parsed names are lock-free.
 */
final class LazySubdir implements RecordSource {
    private final String channelUrl;
    private final String subdir;
    private final ByteBuffer data;
    private final RepodataParser parser;
    private final Map<String, Group> groups;
    private final int size;
    private final Map<String, List<PackageRecord>> parsed = new ConcurrentHashMap<>();

    LazySubdir(
            String channelUrl,
            String subdir,
            ByteBuffer data,
            RepodataParser parser,
            Map<String, Group> groups,
            int size) {
        this.channelUrl = channelUrl;
        this.subdir = subdir;
        this.data = data;
        this.parser = parser;
        this.groups = groups;
        this.size = size;
    }

    String channelUrl() {
        return channelUrl;
    }

    String subdir() {
        return subdir;
    }

    @Override
    public Set<String> names() {
        return Collections.unmodifiableSet(groups.keySet());
    }

    @Override
    public int size() {
        return size;
    }

    /**
     * The records named {@code name} in repodata order, parsed now if this is the first request.
     *
     * @throws RepodataException when one of them is invalid (a field of the wrong type, ...)
     */
    @Override
    public List<PackageRecord> recordsNamed(String name) {
        List<PackageRecord> done = parsed.get(name);
        if (done != null) {
            return done;
        }
        Group g = groups.get(name);
        if (g == null) {
            return List.of();
        }
        synchronized (parser) {
            done = parsed.get(name);
            if (done != null) {
                return done;
            }
            List<PackageRecord> out = new ArrayList<>(g.count);
            for (int i = 0; i < g.count; i++) {
                out.add(parser.parseRecordAt(data, g.fns[i], g.starts[i], g.ends[i]));
            }
            done = Collections.unmodifiableList(out);
            parsed.put(name, done);
            return done;
        }
    }

    /** Parses each record as it goes and keeps none: the bytes stay in the (usually mapped) file. */
    @Override
    public void forEachRecordOnce(Consumer<PackageRecord> consumer) {
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            List<PackageRecord> known = parsed.get(e.getKey());
            if (known != null) {
                known.forEach(consumer);
                continue;
            }
            Group g = e.getValue();
            for (int i = 0; i < g.count; i++) {
                PackageRecord r;
                synchronized (parser) {
                    r = parser.parseRecordAt(data, g.fns[i], g.starts[i], g.ends[i]);
                }
                consumer.accept(r);
            }
        }
    }

    /** Applies conda's drop rules by file name, as the eager parser does on parsed records. */
    static void dropRemovedAndTwins(Map<String, Group> groups, List<String> removed) {
        if (!removed.isEmpty()) {
            Set<String> gone = new HashSet<>(removed);
            for (String name : RepodataParser.namesOf(removed)) {
                Group g = groups.get(name);
                if (g == null) {
                    continue;
                }
                g.removeIf(gone::contains);
                if (g.count == 0) {
                    groups.remove(name);
                }
            }
        }
        for (Group g : groups.values()) {
            if (!g.hasConda || !g.hasTarBz2) {
                continue;
            }
            Set<String> condaStems = new HashSet<>();
            for (int i = 0; i < g.count; i++) {
                if (g.fns[i].endsWith(RepodataParser.CONDA_EXT)) {
                    condaStems.add(Dist.stem(g.fns[i]));
                }
            }
            g.removeIf(fn -> fn.endsWith(RepodataParser.TAR_BZ2_EXT) && condaStems.contains(Dist.stem(fn)));
        }
    }

    /** The file names and byte ranges of one name's records, in document order. */
    static final class Group {
        private String[] fns = new String[2];
        private int[] starts = new int[2];
        private int[] ends = new int[2];
        private int count;
        private boolean hasConda;
        private boolean hasTarBz2;

        void add(String fn, int start, int end) {
            if (count == fns.length) {
                fns = Arrays.copyOf(fns, count * 2);
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
            }
            fns[count] = fn;
            starts[count] = start;
            ends[count] = end;
            count++;
            if (fn.endsWith(RepodataParser.CONDA_EXT)) {
                hasConda = true;
            } else if (fn.endsWith(RepodataParser.TAR_BZ2_EXT)) {
                hasTarBz2 = true;
            }
        }

        int size() {
            return count;
        }

        void removeIf(java.util.function.Predicate<String> drop) {
            int w = 0;
            for (int r = 0; r < count; r++) {
                if (drop.test(fns[r])) {
                    continue;
                }
                fns[w] = fns[r];
                starts[w] = starts[r];
                ends[w] = ends[r];
                w++;
            }
            Arrays.fill(fns, w, count, null);
            count = w;
        }
    }
}
