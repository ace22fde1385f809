package io.terrarium.conda.solve;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Explains conflicts that span packages by following what the specs force: a package every remaining candidate of a
 * required package depends on is required too, limited to what those dependencies accept; a candidate whose
 * dependency has no remaining candidate is ruled out. When a required package has no candidate left, the chains that
 * required and restricted it are the explanation. Every step is a sound inference, so whatever it reports is a real
 * reason; it stops at fixed bounds and the deadline and then reports nothing.
 */
final class RequirementPropagation {
    private static final int MAX_ROUNDS = 64;
    private static final int MAX_CANDIDATES = 20_000;
    private static final int MAX_GROUPS_SHOWN = 4;

    private final CandidatePool pool;
    private final List<MatchSpec> core;
    private final long deadlineNanos;
    private final BitSet ruledOut = new BitSet();
    /** Why a candidate was ruled out: the chain of the requirement it fails, or its dependency with nothing left. */
    private final Map<Integer, String> excludedBy = new HashMap<>();
    private final Map<Integer, String> missingDependency = new HashMap<>();
    /** Names that must be installed, with the chain that first required them. */
    private final Map<String, String> requiredBy = new LinkedHashMap<>();
    private final Set<String> touched = new LinkedHashSet<>();
    /**
     * Per required name, its live candidate count and the required count when its common dependencies were last
     * applied: live sets only shrink, so an unchanged pair means nothing new to apply.
     */
    private final Map<String, Long> appliedAt = new HashMap<>();
    private int touchedCandidates;
    private boolean changed;

    RequirementPropagation(CandidatePool pool, List<MatchSpec> core, long deadlineNanos) {
        this.pool = pool;
        this.core = core;
        this.deadlineNanos = deadlineNanos;
    }

    /** One line explaining why a required package has no candidate left, or none within the bounds. */
    List<String> problems() {
        for (MatchSpec s : core) require(s.name(), pool.matching(s), "`" + ConflictExplainer.text(s) + "` (requested)");
        for (int[] system : pool.systemPackages()) {
            String name = pool.name(pool.nameOf(system[0]));
            require(name, system, "the target system's `" + name + "`");
        }
        for (int round = 0; round < MAX_ROUNDS && !expired(); round++) {
            changed = false;
            ruleOutUnmetDependencies();
            for (String name : new ArrayList<>(requiredBy.keySet())) {
                List<Integer> live = live(name);
                if (live.isEmpty()) return List.of(emptied(name));
                if (expired()) return List.of();
                long state = ((long) live.size() << 32) | requiredBy.size();
                Long applied = appliedAt.put(name, state);
                if (applied == null || applied != state) restrictCommonDependencies(name, live);
            }
            if (!changed) break;
        }
        return List.of();
    }

    private boolean expired() {
        return System.nanoTime() > deadlineNanos;
    }

    private void require(String name, int[] allowed, String chain) {
        if (requiredBy.putIfAbsent(name, chain) == null) changed = true;
        touch(name);
        BitSet ok = new BitSet();
        for (int v : allowed) ok.set(v);
        for (int v : pool.candidates(pool.nameId(name))) {
            if (!ok.get(v) && !ruledOut.get(v)) {
                ruledOut.set(v);
                excludedBy.put(v, chain);
                changed = true;
            }
        }
    }

    private void touch(String name) {
        if (touched.contains(name) || touchedCandidates > MAX_CANDIDATES) return;
        touched.add(name);
        touchedCandidates += pool.candidates(pool.nameId(name)).length;
    }

    private List<Integer> live(String name) {
        List<Integer> out = new ArrayList<>();
        for (int v : pool.candidates(pool.nameId(name))) if (!ruledOut.get(v)) out.add(v);
        return out;
    }

    private boolean anyLive(int[] vars) {
        for (int v : vars) if (!ruledOut.get(v)) return true;
        return false;
    }

    private void ruleOutUnmetDependencies() {
        for (String name : new ArrayList<>(touched)) {
            if (expired()) return;
            for (int v : pool.candidates(pool.nameId(name))) {
                if (ruledOut.get(v)) continue;
                for (String dep : pool.record(v).depends()) {
                    int[] cands = pool.matchingDependency(dep);
                    if (cands == null) continue;
                    if (!anyLive(cands)) {
                        ruledOut.set(v);
                        missingDependency.put(v, dep);
                        changed = true;
                        break;
                    }
                    touch(pool.spec(dep).name());
                }
            }
        }
    }

    /**
     * For each package that every live candidate of {@code name} depends on: it is required, and only what one of
     * those dependencies accepts can be installed. Constraints bind the same way on a package that is required.
     */
    private void restrictCommonDependencies(String name, List<Integer> live) {
        Map<String, List<String>> common = byName(pool.record(live.get(0)).depends());
        Map<String, List<String>> commonConstraints = byName(pool.record(live.get(0)).constrains());
        for (int v : live.subList(1, live.size())) {
            Map<String, List<String>> deps = byName(pool.record(v).depends());
            Map<String, List<String>> cons = byName(pool.record(v).constrains());
            common.keySet().retainAll(deps.keySet());
            commonConstraints.keySet().retainAll(cons.keySet());
            deps.forEach((target, specs) -> common.computeIfPresent(target, (k, l) -> merged(l, specs)));
            cons.forEach((target, specs) -> commonConstraints.computeIfPresent(target, (k, l) -> merged(l, specs)));
        }
        for (String dependency : common.keySet()) {
            int[] allowed = allowedBy(dependency, live, false);
            require(dependency, allowed, chain(name, live, dependency, common.get(dependency), false));
        }
        for (String constrained : commonConstraints.keySet()) {
            if (!requiredBy.containsKey(constrained)) continue;
            int[] allowed = allowedBy(constrained, live, true);
            require(constrained, allowed, chain(name, live, constrained, commonConstraints.get(constrained), true));
        }
    }

    private static List<String> merged(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        for (String s : b) if (!out.contains(s)) out.add(s);
        return out;
    }

    private Map<String, List<String>> byName(List<String> specs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String text : specs) {
            MatchSpec spec = pool.spec(text);
            if (spec != null) out.computeIfAbsent(spec.name(), k -> new ArrayList<>()).add(text);
        }
        return out;
    }

    /** Candidates of {@code target} that some live record accepts, meeting all of that record's specs on it. */
    private int[] allowedBy(String target, List<Integer> live, boolean constrains) {
        Set<Integer> out = new TreeSet<>();
        for (int v : live) {
            PackageRecord r = pool.record(v);
            List<String> specs = byName(constrains ? r.constrains() : r.depends()).get(target);
            for (int c : pool.candidates(pool.nameId(target))) {
                boolean all = true;
                for (String text : specs) all &= pool.spec(text).matches(pool.record(c));
                if (all) out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private String chain(String name, List<Integer> live, String target, List<String> specs, boolean constrains) {
        String verb = constrains ? " constrains " : " requires ";
        String quoted = "`" + String.join("` or `", specs) + "`";
        if (live.size() == 1) return requiredBy.get(name) + " -> " + pool.record(live.get(0)).dist() + verb + quoted;
        return requiredBy.get(name) + " -> every remaining " + name + " (" + live.size() + ")" + verb + target
                + " (" + quoted + ")";
    }

    /** "chain, but no `x` can be installed: x-2-0: requires `y 3`, which ... ; x-1-0: ruled out by ..." */
    private String emptied(String name) {
        return requiredBy.get(name) + ", but no `" + name + "` can be installed: "
                + reasons(pool.candidates(pool.nameId(name)), 0);
    }

    /** Why each of {@code vars} was ruled out, candidates with the same reason grouped. */
    private String reasons(int[] vars, int depth) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int v : vars) groups.computeIfAbsent(reason(v, depth), k -> new ArrayList<>()).add(pool.record(v).dist());
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            if (parts.size() == MAX_GROUPS_SHOWN) {
                parts.add("... and " + (groups.size() - MAX_GROUPS_SHOWN) + " more");
                break;
            }
            List<String> dists = g.getValue();
            String who = dists.size() <= 3 ? String.join(", ", dists)
                    : dists.get(0) + ", " + dists.get(1) + " and " + (dists.size() - 2) + " others";
            parts.add(who + " " + g.getKey());
        }
        return String.join("; ", parts);
    }

    private String reason(int v, int depth) {
        String chain = excludedBy.get(v);
        if (chain != null) return "ruled out by " + chain;
        String dep = missingDependency.get(v);
        if (dep == null) return "(still possible)";
        int[] cands = pool.matchingDependency(dep);
        if (cands.length == 0) return "requires `" + dep + "`, which nothing provides";
        Set<String> direct = new LinkedHashSet<>();
        for (int c : cands) {
            String by = excludedBy.get(c);
            if (by != null) direct.add(by);
        }
        boolean allDirect = true;
        for (int c : cands) allDirect &= excludedBy.containsKey(c);
        if (allDirect && direct.size() == 1) return "requires `" + dep + "`, ruled out by " + direct.iterator().next();
        if (depth >= 1) return "requires `" + dep + "`, whose candidates are all ruled out";
        return "requires `" + dep + "`, whose candidates are all ruled out (" + reasons(cands, depth + 1) + ")";
    }
}
