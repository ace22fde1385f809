package io.terrarium.conda.solve;

import static io.terrarium.conda.solve.ConflictExplainer.nothingProvides;
import static io.terrarium.conda.solve.ConflictExplainer.text;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks the dependency graph of the conflicting specs and reports what clashes where: virtual packages the target
 * system does not meet, packages nothing provides, and sets of constraints on one package that no candidate meets
 * together (pairs first, then the smallest larger set).
 */
final class ChainWalk {
    private static final int MAX_RECORDS_WALKED = 20_000;
    private static final int MAX_LINKS_PER_NAME = 200;
    /** Links per name the joint search looks at: the first (shortest) chains, one per spec text and source. */
    private static final int MAX_JOINT_LINKS = 48;

    private final CandidatePool pool;
    private final List<MatchSpec> core;
    private final long deadlineNanos;
    private final Map<String, List<ChainLink>> byName = new LinkedHashMap<>();
    private final Set<String> problems = new LinkedHashSet<>();
    private final ProblemTally virtualNeeds = new ProblemTally();
    private final ProblemTally clashes = new ProblemTally();

    ChainWalk(CandidatePool pool, List<MatchSpec> core, long deadlineNanos) {
        this.pool = pool;
        this.core = core;
        this.deadlineNanos = deadlineNanos;
    }

    List<String> problems() {
        for (int i = 0; i < core.size(); i++) {
            walk(i);
        }
        pairClashes();
        if (clashes.isEmpty() && problems.isEmpty() && virtualNeeds.isEmpty()) {
            jointClashes();
        }
        List<String> all = new ArrayList<>();
        // the virtual package lines come first: they are the ones a user can fix without changing the request
        all.addAll(virtualNeeds.lines());
        all.addAll(problems);
        all.addAll(clashes.lines());
        return all;
    }

    private void walk(int source) {
        MatchSpec spec = core.get(source);
        ChainLink root = new ChainLink(source, text(spec), null, false, null, -1, 0);
        add(spec.name(), root);
        Map<Integer, ChainLink> reachedBy = new HashMap<>();
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c : pool.matching(spec)) {
            reachedBy.put(c, root);
            queue.add(c);
        }
        Set<String> seenLinks = new HashSet<>();
        while (!queue.isEmpty() && reachedBy.size() < MAX_RECORDS_WALKED) {
            int var = queue.poll();
            PackageRecord r = pool.record(var);
            ChainLink via = reachedBy.get(var);
            int first = via.firstRecord < 0 ? var : via.firstRecord;
            for (String dep : r.depends()) {
                MatchSpec ds = pool.spec(dep);
                if (ds == null) {
                    problems.add(r.dist() + " has an unreadable dependency `" + dep + "`: " + pool.specError(dep));
                    continue;
                }
                int[] cands = pool.matchingDependency(dep);
                ChainLink link = new ChainLink(source, dep, r, false, via, first, cands.length);
                if (cands.length == 0) {
                    if (VirtualPackageHint.isVirtual(ds.name())) {
                        virtualUnmet(ds, link);
                    } else {
                        problems.add(nothingProvides(pool, ds, r));
                    }
                    continue;
                }
                if (seenLinks.add(ds.name() + "\u0000" + dep + "\u0000" + first)) {
                    add(ds.name(), link);
                }
                for (int c : cands) {
                    if (!reachedBy.containsKey(c)) {
                        reachedBy.put(c, link);
                        queue.add(c);
                    }
                }
            }
            for (String con : r.constrains()) {
                MatchSpec cs = pool.spec(con);
                if (cs == null) {
                    continue;
                }
                ChainLink link = new ChainLink(source, con, r, true, via, first, 0);
                if (VirtualPackageHint.isVirtual(cs.name())) {
                    checkVirtualConstraint(cs, link);
                }
                if (seenLinks.add(cs.name() + "\u0000!" + con + "\u0000" + first)) {
                    add(cs.name(), link);
                }
            }
        }
    }

    private void virtualUnmet(MatchSpec need, ChainLink link) {
        List<PackageRecord> provided = pool.provided(need.name());
        virtualNeeds.add(
                link.spec + "\u0000" + link.constrains, link + ", but " + VirtualPackageHint.explain(need, provided));
    }

    private void checkVirtualConstraint(MatchSpec constraint, ChainLink link) {
        // the target system's records are always installed, so a constraint on them binds
        List<PackageRecord> provided = pool.provided(constraint.name());
        if (provided.isEmpty()) {
            return;
        } // nothing installed for the constraint to bind
        for (PackageRecord r : provided) {
            if (constraint.matches(r)) {
                return;
            }
        }
        virtualUnmet(constraint, link);
    }

    private void add(String name, ChainLink link) {
        List<ChainLink> links = byName.computeIfAbsent(name, n -> new ArrayList<>());
        // the walk is breadth first: the first links are the shortest chains; the pairwise check stays bounded
        if (links.size() < MAX_LINKS_PER_NAME) {
            links.add(link);
        }
    }

    /** Pairs of constraints on one name that no eligible candidate satisfies together. */
    private void pairClashes() {
        for (Map.Entry<String, List<ChainLink>> e : byName.entrySet()) {
            List<ChainLink> links = e.getValue();
            if (links.size() < 2) {
                continue;
            }
            int[] cands = pool.candidates(pool.nameId(e.getKey()));
            for (int i = 0; i < links.size(); i++) {
                for (int j = i + 1; j < links.size(); j++) {
                    ChainLink a = links.get(i);
                    ChainLink b = links.get(j);
                    if (a.constrains && b.constrains) {
                        continue;
                    }
                    // within one requested spec, only needs that one of its records surely brings clash
                    if (!a.holdsWith(b) || a.spec.equals(b.spec)) {
                        continue;
                    }
                    if (!compatible(a, b, cands)) {
                        ChainLink req = a.constrains ? b : a;
                        ChainLink other = a.constrains ? a : b;
                        String key = req.spec + "\u0000" + req.source + "\u0000" + other.spec + "\u0000" + other.source;
                        clashes.add(key, req + " conflicts with " + other);
                    }
                }
            }
        }
    }

    private final Map<String, Boolean> compatibility = new HashMap<>();

    private boolean compatible(ChainLink a, ChainLink b, int[] cands) {
        return compatibility.computeIfAbsent(a.spec + "\u0000" + b.spec, k -> {
            MatchSpec sa = pool.spec(a.spec);
            MatchSpec sb = pool.spec(b.spec);
            if (sa == null || sb == null) {
                return true;
            }
            for (int c : cands) {
                PackageRecord r = pool.record(c);
                if (sa.matches(r) && sb.matches(r)) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Sets of three or more constraints on one name that no candidate meets together, though each pair can. */
    private void jointClashes() {
        for (Map.Entry<String, List<ChainLink>> e : byName.entrySet()) {
            if (System.nanoTime() > deadlineNanos) {
                return;
            }
            List<ChainLink> links = distinctLinks(e.getValue());
            if (links.size() < 3) {
                continue;
            }
            int[] cands = pool.candidates(pool.nameId(e.getKey()));
            BitSet[] accepted = new BitSet[links.size()];
            boolean[] binding = new boolean[links.size()];
            for (int i = 0; i < links.size(); i++) {
                accepted[i] = accepted(pool.spec(links.get(i).spec), cands);
                binding[i] = !links.get(i).constrains;
            }
            int[] set = JointClashSearch.smallest(
                    accepted, binding, (a, b) -> links.get(a).holdsWith(links.get(b)), deadlineNanos);
            if (set != null) {
                clashes.add("joint\u0000" + e.getKey(), jointLine(e.getKey(), links, set, cands));
            }
        }
    }

    /** The first (shortest) link of each spec text and requested source: longer chains to the same need add nothing. */
    private static List<ChainLink> distinctLinks(List<ChainLink> links) {
        Map<String, ChainLink> out = new LinkedHashMap<>();
        for (ChainLink l : links) {
            if (out.size() == MAX_JOINT_LINKS) {
                break;
            }
            out.putIfAbsent(l.spec + "\u0000" + l.source, l);
        }
        return new ArrayList<>(out.values());
    }

    private BitSet accepted(MatchSpec spec, int[] cands) {
        BitSet out = new BitSet(cands.length);
        for (int i = 0; i < cands.length; i++) {
            if (spec == null || spec.matches(pool.record(cands[i]))) {
                out.set(i);
            }
        }
        return out;
    }

    private String jointLine(String name, List<ChainLink> links, int[] set, int[] cands) {
        StringBuilder sb = new StringBuilder("no `")
                .append(name)
                .append("` meets these ")
                .append(set.length)
                .append(" constraints together (any ")
                .append(set.length - 1)
                .append(" of them can; versions of ")
                .append(name)
                .append(": ")
                .append(ConflictExplainer.versions(pool.records(cands)))
                .append("): ");
        for (int i = 0; i < set.length; i++) {
            if (i > 0) {
                sb.append("; ");
            }
            sb.append(links.get(set[i]));
        }
        return sb.toString();
    }
}
