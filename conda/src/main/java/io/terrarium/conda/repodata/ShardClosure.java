package io.terrarium.conda.repodata;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which shards the sharded subdirs of one index fetch: the transitive closure of dependency names from the
 * names the solve asks for, fetched in parallel ahead of the solver.
 *
 * <p>Why a closure prefetch rather than fetching exactly the names the solver asks for: the solver asks for one name
 * at a time and waits for it, so fetching on request only would pay one round trip per name in sequence (hundreds
 * for a python stack). When a name is first reached (asked for by the solver, or named in a {@code depends} of a
 * loaded record), every subdir that has it starts fetching its shard; when a shard arrives, the names its records
 * depend on are reached in turn. By the time the solver asks for a dependency its shard is usually loaded or in
 * flight. The set fetched is what rattler's gateway fetches: every name reachable through {@code depends} of any
 * version of a reached name, a superset of what the chosen solution uses, and a small share of a large channel.
 * {@code constrains} are not followed (they never pull a package in); if the solver asks for such a name, it is
 * fetched then. Names are reached across subdirs and channels, since a {@code linux-64} record depends on
 * {@code noarch} names.
 *
 * <p>Fetches run on one small bounded pool shared by the JVM ({@value #THREADS} daemon threads, idle ones exit), so
 * concurrent solves share the connection budget. A failed prefetch is reported only if the solver asks for that name.
 */
final class ShardClosure {
    static final int THREADS = 8;
    private static final ExecutorService POOL = newPool();

    private final List<ShardedSubdir> subdirs = new CopyOnWriteArrayList<>();
    private final Set<String> reached = ConcurrentHashMap.newKeySet();

    void add(ShardedSubdir subdir) {
        subdirs.add(subdir);
    }

    ExecutorService pool() {
        return POOL;
    }

    /** Starts fetching {@code name} in every subdir that has it, once. */
    void reach(String name) {
        if (!reached.add(name)) {
            return;
        }
        for (ShardedSubdir s : subdirs) {
            s.prefetch(name);
        }
    }

    /** Reaches every name in {@code names}. */
    void reachAll(Set<String> names) {
        for (String name : names) {
            reach(name);
        }
    }

    /** The package names the {@code depends} of {@code records} name (each once). */
    static Set<String> dependencyNames(List<PackageRecord> records) {
        Set<String> specs = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (PackageRecord r : records) {
            for (String dep : r.depends()) {
                if (!specs.add(dep)) {
                    continue;
                } // the same spec text recurs across builds
                String name = nameOf(dep);
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /**
     * The package name a dependency spec starts with ({@code numpy >=1.21}, {@code python>=3.8},
     * {@code conda-forge::zlib 1.2.*}); {@code MatchSpec} handles the rare rest. Prefetching needs only the name, and
     * thousands of spec texts pass through here per solve.
     */
    static String nameOf(String spec) {
        String s = spec.strip();
        int channel = s.lastIndexOf("::");
        int start = channel < 0 ? 0 : channel + 2;
        int end = start;
        while (end < s.length() && isNameChar(s.charAt(end))) {
            end++;
        }
        if (end > start && (end == s.length() || " =<>!~[,".indexOf(s.charAt(end)) >= 0)) {
            return s.substring(start, end).toLowerCase(java.util.Locale.ROOT);
        }
        try {
            return MatchSpec.parse(spec).name();
        } catch (IllegalArgumentException e) {
            return null; // the solver reports it if it ever matters
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '_'
                || c == '.'
                || (c >= 'A' && c <= 'Z');
    }

    private static ExecutorService newPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "repodata-shards-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
