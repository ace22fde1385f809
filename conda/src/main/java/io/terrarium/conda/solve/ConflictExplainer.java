package io.terrarium.conda.solve;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Version;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns an unsatisfiable request into an explanation: first a smallest set of requested specs that still conflict
 * (by solving without each spec in turn), then, from the dependency chains of those specs, the packages that nothing
 * provides and the pairs of constraints on one package that no candidate meets together.
 */
final class ConflictExplainer {
    private static final int MAX_PROBLEMS = 12;
    private static final int MAX_RECORDS_WALKED = 20_000;
    private static final int MAX_LINKS_PER_NAME = 200;

    private final SolveRequest request;
    private final Map<String, MatchSpec> specCache;
    private final long deadlineNanos;

    ConflictExplainer(SolveRequest request, Map<String, MatchSpec> specCache, Duration timeLeft) {
        this.request = request;
        this.specCache = specCache;
        this.deadlineNanos = System.nanoTime() + Math.max(0, timeLeft.toNanos());
    }

    UnsatisfiableException explain() {
        CandidatePool pool = new CandidatePool(request, specCache);
        List<MatchSpec> specs = request.specs();
        List<String> problems = new ArrayList<>();
        List<MatchSpec> unavailable = new ArrayList<>();
        for (MatchSpec s : specs) {
            if (pool.matching(s).length == 0) {
                unavailable.add(s);
                problems.add(nothingProvides(pool, s, null));
            }
        }
        if (!unavailable.isEmpty()) {
            return new UnsatisfiableException(unavailableHeadline(unavailable), texts(unavailable), problems);
        }
        List<MatchSpec> core = smallestConflictingSubset(specs);
        problems.addAll(new ChainWalk(pool, core).problems());
        if (problems.isEmpty()) {
            problems.add("no combination of their candidates is consistent (" + (pool.varCount() - 1)
                    + " candidate records examined)");
        }
        return new UnsatisfiableException(headline(core), texts(core), problems);
    }

    private static List<String> texts(List<MatchSpec> specs) {
        List<String> out = new ArrayList<>();
        for (MatchSpec s : specs) out.add(text(s));
        return out;
    }

    private static String unavailableHeadline(List<MatchSpec> specs) {
        StringBuilder sb = new StringBuilder("nothing provides the requested ");
        for (int i = 0; i < specs.size(); i++) {
            if (i > 0) sb.append(i == specs.size() - 1 ? " and " : ", ");
            sb.append('`').append(text(specs.get(i))).append('`');
        }
        return sb.append(':').toString();
    }

    private static String headline(List<MatchSpec> core) {
        if (core.size() == 1) return "cannot install `" + text(core.get(0)) + "` (requested):";
        StringBuilder sb = new StringBuilder(core.size() == 2 ? "cannot install both " : "cannot install all of ");
        for (int i = 0; i < core.size(); i++) {
            if (i > 0) sb.append(i == core.size() - 1 ? " and " : ", ");
            sb.append('`').append(text(core.get(i))).append('`');
        }
        return sb.append(" (requested):").toString();
    }

    /**
     * Deletion-based narrowing: drop each spec, first to last, whose absence still leaves the rest unsatisfiable (so
     * when {@code a} fails only because of the spec {@code b} it needs, {@code b} is what remains).
     */
    private List<MatchSpec> smallestConflictingSubset(List<MatchSpec> specs) {
        List<MatchSpec> core = new ArrayList<>(specs);
        for (MatchSpec candidate : specs) {
            if (core.size() <= 1) break;
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) break;
            List<MatchSpec> without = new ArrayList<>(core);
            without.remove(candidate);
            try {
                SolveRequest smaller = request.withSpecs(without).withTimeout(Duration.ofNanos(left));
                if (!Solver.isSatisfiable(smaller, specCache)) core = without;
            } catch (SolverTimeoutException e) {
                break;
            }
        }
        return core;
    }

    /** "nothing provides `spec` needed by X", with the reason when records exist but were ruled out. */
    static String nothingProvides(CandidatePool pool, MatchSpec spec, PackageRecord neededBy) {
        String name = spec.name();
        String head = "nothing provides `" + text(spec) + "`" + (neededBy == null ? " (requested)" : " needed by " + neededBy.dist());
        List<PackageRecord> offered = pool.offered(name);
        if (offered.isEmpty()) {
            if (name.startsWith("__")) {
                return head + ": `" + name + "` is a virtual package the target system does not provide"
                        + " (declare it with --virtual-package or CONDA_OVERRIDE_" + name.substring(2).toUpperCase(Locale.ROOT) + ")";
            }
            return head + ": no package named `" + name + "` in the channels";
        }
        List<PackageRecord> matching = new ArrayList<>();
        for (PackageRecord r : offered) if (spec.matches(r)) matching.add(r);
        if (matching.isEmpty()) return head + " (available versions of " + name + ": " + versions(offered) + ")";
        List<PackageRecord> eligible = pool.eligible(name);
        for (MatchSpec pin : request(pool).pinned()) {
            if (pin.name().equals(name)) {
                boolean any = false;
                for (PackageRecord r : matching) any |= pin.matches(r);
                if (!any) return head + ": the pin `" + text(pin) + "` excludes every match";
            }
        }
        if (request(pool).excludeNewer() != null) {
            boolean anyOld = false;
            for (PackageRecord r : matching) {
                anyOld |= CandidatePool.normalisedTimestamp(r) <= request(pool).excludeNewer().toEpochMilli();
            }
            if (!anyOld) return head + ": every match is newer than " + request(pool).excludeNewer();
        }
        if (request(pool).channelPriority() == ChannelPriority.STRICT && !eligible.isEmpty()) {
            return head + ": strict channel priority only allows " + name + " from " + eligible.get(0).channel()
                    + " (versions " + versions(eligible) + "); matches exist in lower-priority channels";
        }
        return head;
    }

    /** A spec as the user or the repodata wrote it. */
    static String text(MatchSpec spec) {
        String original = spec.originalText();
        return original == null || original.isBlank() ? spec.toString() : original.trim();
    }

    private static SolveRequest request(CandidatePool pool) {
        return pool.request();
    }

    private static String versions(List<PackageRecord> records) {
        TreeSet<Version> set = new TreeSet<>(java.util.Comparator.reverseOrder());
        for (PackageRecord r : records) set.add(r.version());
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Version v : set) {
            if (n++ == 8) {
                sb.append(", ...");
                break;
            }
            if (n > 1) sb.append(", ");
            sb.append(v);
        }
        return sb.toString();
    }

    /** One constraint in a chain: a requested spec, or a dependency/constraint of a record reached from one. */
    private static final class Link {
        final int source;
        final String spec;
        final PackageRecord record;
        final boolean constrains;
        final Link via;
        final int firstRecord;
        /** Whether every record on the chain after the first is the only candidate of the link before it. */
        final boolean forced;
        int candidates;

        Link(int source, String spec, PackageRecord record, boolean constrains, Link via, int firstRecord) {
            this.source = source;
            this.spec = spec;
            this.record = record;
            this.constrains = constrains;
            this.via = via;
            this.firstRecord = firstRecord;
            this.forced = via == null || via.record == null || (via.forced && via.candidates == 1);
        }

        @Override
        public String toString() {
            if (record == null) return "`" + spec + "` (requested)";
            return via + " -> " + record.dist() + (constrains ? " constrains `" : " requires `") + spec + "`";
        }
    }

    /** Walks the dependency graph of the conflicting specs and reports what clashes where. */
    private static final class ChainWalk {
        private final CandidatePool pool;
        private final List<MatchSpec> core;
        private final Map<String, List<Link>> byName = new LinkedHashMap<>();
        private final Set<String> problems = new LinkedHashSet<>();
        /** Clash lines by the pair of constraint texts, with how many other chains lead to the same pair. */
        private final Map<String, int[]> clashCounts = new LinkedHashMap<>();
        private final Map<String, String> clashLines = new LinkedHashMap<>();

        ChainWalk(CandidatePool pool, List<MatchSpec> core) {
            this.pool = pool;
            this.core = core;
        }

        List<String> problems() {
            for (int i = 0; i < core.size(); i++) walk(i);
            clashes();
            for (Map.Entry<String, String> e : clashLines.entrySet()) {
                int others = clashCounts.get(e.getKey())[0] - 1;
                problems.add(e.getValue() + (others == 0 ? "" : " (and " + others + " similar chain" + (others == 1 ? "" : "s") + ")"));
            }
            List<String> out = new ArrayList<>();
            for (String p : problems) {
                if (out.size() == MAX_PROBLEMS) {
                    out.add("... and " + (problems.size() - MAX_PROBLEMS) + " more");
                    break;
                }
                out.add(p);
            }
            return out;
        }

        private void walk(int source) {
            MatchSpec spec = core.get(source);
            Link root = new Link(source, text(spec), null, false, null, -1);
            add(spec.name(), root);
            Map<Integer, Link> reachedBy = new HashMap<>();
            ArrayDeque<Integer> queue = new ArrayDeque<>();
            for (int c : pool.matching(spec)) {
                reachedBy.put(c, root);
                queue.add(c);
            }
            Set<String> seenLinks = new HashSet<>();
            while (!queue.isEmpty() && reachedBy.size() < MAX_RECORDS_WALKED) {
                int var = queue.poll();
                PackageRecord r = pool.record(var);
                Link via = reachedBy.get(var);
                int first = via.firstRecord < 0 ? var : via.firstRecord;
                for (String dep : r.depends()) {
                    MatchSpec ds = pool.spec(dep);
                    if (ds == null) {
                        problems.add(r.dist() + " has an unreadable dependency `" + dep + "`: " + pool.specError(dep));
                        continue;
                    }
                    int[] cands = pool.matchingDependency(dep);
                    if (cands.length == 0) {
                        problems.add(nothingProvides(pool, ds, r));
                        continue;
                    }
                    Link link = new Link(source, dep, r, false, via, first);
                    link.candidates = cands.length;
                    if (seenLinks.add(ds.name() + "\u0000" + dep + "\u0000" + first)) add(ds.name(), link);
                    for (int c : cands) {
                        if (!reachedBy.containsKey(c)) {
                            reachedBy.put(c, link);
                            queue.add(c);
                        }
                    }
                }
                for (String con : r.constrains()) {
                    MatchSpec cs = pool.spec(con);
                    if (cs == null) continue;
                    Link link = new Link(source, con, r, true, via, first);
                    if (seenLinks.add(cs.name() + "\u0000!" + con + "\u0000" + first)) add(cs.name(), link);
                }
            }
        }

        private void add(String name, Link link) {
            List<Link> links = byName.computeIfAbsent(name, n -> new ArrayList<>());
            // the walk is breadth first: the first links are the shortest chains; the pairwise check stays bounded
            if (links.size() < MAX_LINKS_PER_NAME) links.add(link);
        }

        /** Pairs of constraints on one name that no eligible candidate satisfies together. */
        private void clashes() {
            for (Map.Entry<String, List<Link>> e : byName.entrySet()) {
                List<Link> links = e.getValue();
                if (links.size() < 2) continue;
                int[] cands = pool.candidates(pool.nameId(e.getKey()));
                for (int i = 0; i < links.size(); i++) {
                    for (int j = i + 1; j < links.size(); j++) {
                        Link a = links.get(i);
                        Link b = links.get(j);
                        if (a.constrains && b.constrains) continue;
                        // within one requested spec, only needs that one of its records surely brings clash
                        boolean related = a.source != b.source || (a.record != null && a.record == b.record)
                                || (a.firstRecord >= 0 && a.firstRecord == b.firstRecord && a.forced && b.forced);
                        if (!related || a.spec.equals(b.spec)) continue;
                        if (!compatible(a, b, cands)) {
                            Link req = a.constrains ? b : a;
                            Link other = a.constrains ? a : b;
                            String key = req.spec + "\u0000" + req.source + "\u0000" + other.spec + "\u0000" + other.source;
                            clashCounts.computeIfAbsent(key, k -> new int[1])[0]++;
                            clashLines.putIfAbsent(key, req + " conflicts with " + other);
                        }
                    }
                }
            }
        }

        private final Map<String, Boolean> compatibility = new HashMap<>();

        private boolean compatible(Link a, Link b, int[] cands) {
            return compatibility.computeIfAbsent(a.spec + "\u0000" + b.spec, k -> {
                MatchSpec sa = pool.spec(a.spec);
                MatchSpec sb = pool.spec(b.spec);
                if (sa == null || sb == null) return true;
                for (int c : cands) {
                    PackageRecord r = pool.record(c);
                    if (sa.matches(r) && sb.matches(r)) return true;
                }
                return false;
            });
        }
    }
}
