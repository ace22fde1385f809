package io.terrarium.conda.solve;

import io.terrarium.conda.types.MatchSpec;
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

    private final CandidatePool pool;
    private final List<MatchSpec> core;
    private final long deadlineNanos;
    private final BitSet ruledOut = new BitSet();
    /** Why a candidate was ruled out: the chain of the requirement it fails, or its dependency with nothing left. */
    private final Map<Integer, Requirement> excludedBy = new HashMap<>();

    private final Map<Integer, String> missingDependency = new HashMap<>();
    /** Names that must be installed, with the chain that first required them. */
    private final Map<String, Requirement> requiredBy = new LinkedHashMap<>();
    /** Each distinct chain once, so that candidates ruled out by the same chain are seen to be. */
    private final Map<String, Requirement> chains = new HashMap<>();

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

    /**
     * One problem explaining why a required package has no candidate left (its reasons on indented lines below the
     * first, see {@link RuledOutExplanation}), or none within the bounds.
     */
    List<String> problems() {
        for (MatchSpec s : core) {
            require(s.name(), pool.matching(s), root(s.name(), "`" + ConflictExplainer.text(s) + "` (requested)"));
        }
        for (int[] system : pool.systemPackages()) {
            String name = pool.name(pool.nameOf(system[0]));
            require(name, system, root(name, "the target system's `" + name + "`"));
        }
        for (int round = 0; round < MAX_ROUNDS && !expired(); round++) {
            changed = false;
            ruleOutUnmetDependencies();
            for (String name : new ArrayList<>(requiredBy.keySet())) {
                List<Integer> live = live(name);
                if (live.isEmpty()) {
                    return List.of(emptied(name));
                }
                if (expired()) {
                    return List.of();
                }
                long state = ((long) live.size() << 32) | requiredBy.size();
                Long applied = appliedAt.put(name, state);
                if (applied == null || applied != state) {
                    restrictCommonDependencies(name, live);
                }
            }
            if (!changed) {
                break;
            }
        }
        return List.of();
    }

    private boolean expired() {
        return System.nanoTime() > deadlineNanos;
    }

    private Requirement root(String name, String origin) {
        return chains.computeIfAbsent(
                "root\u0000" + name + "\u0000" + origin, k -> Requirement.root(chains.size(), name, origin));
    }

    private void require(String name, int[] allowed, Requirement chain) {
        if (requiredBy.putIfAbsent(name, chain) == null) {
            changed = true;
        }
        touch(name);
        BitSet ok = new BitSet();
        for (int v : allowed) {
            ok.set(v);
        }
        for (int v : pool.candidates(pool.nameId(name))) {
            if (!ok.get(v) && !ruledOut.get(v)) {
                ruledOut.set(v);
                excludedBy.put(v, chain);
                changed = true;
            }
        }
    }

    private void touch(String name) {
        if (touched.contains(name) || touchedCandidates > MAX_CANDIDATES) {
            return;
        }
        touched.add(name);
        touchedCandidates += pool.candidates(pool.nameId(name)).length;
    }

    private List<Integer> live(String name) {
        List<Integer> out = new ArrayList<>();
        for (int v : pool.candidates(pool.nameId(name))) {
            if (!ruledOut.get(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private boolean anyLive(int[] vars) {
        for (int v : vars) {
            if (!ruledOut.get(v)) {
                return true;
            }
        }
        return false;
    }

    private void ruleOutUnmetDependencies() {
        for (String name : new ArrayList<>(touched)) {
            if (expired()) {
                return;
            }
            for (int v : pool.candidates(pool.nameId(name))) {
                if (ruledOut.get(v)) {
                    continue;
                }
                for (String dep : pool.record(v).depends()) {
                    int[] cands = pool.matchingDependency(dep);
                    if (cands == null) {
                        continue;
                    }
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
        List<Map<String, List<String>>> depends = new ArrayList<>();
        List<Map<String, List<String>>> constrains = new ArrayList<>();
        for (int v : live) {
            depends.add(byName(pool.record(v).depends()));
            constrains.add(byName(pool.record(v).constrains()));
        }
        for (String dependency : common(depends)) {
            restrict(name, live, dependency, depends, false);
        }
        for (String constrained : common(constrains)) {
            if (requiredBy.containsKey(constrained)) {
                restrict(name, live, constrained, constrains, true);
            }
        }
    }

    /** The names every live record has specs on, in the first record's order. */
    private static Set<String> common(List<Map<String, List<String>>> specsByRecord) {
        Set<String> out = new LinkedHashSet<>(specsByRecord.get(0).keySet());
        for (Map<String, List<String>> specs : specsByRecord.subList(1, specsByRecord.size())) {
            out.retainAll(specs.keySet());
        }
        return out;
    }

    /** Requires {@code target} as one of the live records' spec lists on it accepts, with the chain that says so. */
    private void restrict(
            String name,
            List<Integer> live,
            String target,
            List<Map<String, List<String>>> specsByRecord,
            boolean constrains) {
        // a record's specs on the target all apply at once; distinct lists are the alternatives
        Set<List<String>> alternatives = new LinkedHashSet<>();
        for (Map<String, List<String>> specs : specsByRecord) {
            alternatives.add(specs.get(target));
        }
        require(target, allowedBy(target, alternatives), chain(name, live, target, alternatives, constrains));
    }

    private Map<String, List<String>> byName(List<String> specs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String text : specs) {
            MatchSpec spec = pool.spec(text);
            if (spec != null) {
                out.computeIfAbsent(spec.name(), k -> new ArrayList<>()).add(text);
            }
        }
        return out;
    }

    /** Candidates of {@code target} that meet all the specs of one of the alternatives. */
    private int[] allowedBy(String target, Set<List<String>> alternatives) {
        Set<Integer> out = new TreeSet<>();
        for (List<String> specs : alternatives) {
            for (int c : pool.candidates(pool.nameId(target))) {
                boolean all = true;
                for (String text : specs) {
                    all &= pool.spec(text).matches(pool.record(c));
                }
                if (all) {
                    out.add(c);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** "requiredBy(name) -> every remaining name (n) requires target (...)", the same object for the same chain. */
    private Requirement chain(
            String name, List<Integer> live, String target, Set<List<String>> alternatives, boolean constrains) {
        Requirement parent = requiredBy.get(name);
        String only = live.size() == 1 ? pool.record(live.get(0)).dist() : null;
        String key = parent.id + "\u0000" + target + "\u0000" + constrains + "\u0000" + live.size() + "\u0000" + only
                + "\u0000" + alternatives;
        return chains.computeIfAbsent(
                key,
                k -> Requirement.derived(
                        chains.size(), target, parent, live.size(), only, new ArrayList<>(alternatives), constrains));
    }

    /** The chain that required {@code name}, and why each of its candidates is ruled out. */
    private String emptied(String name) {
        return new RuledOutExplanation(pool, excludedBy, missingDependency).explain(name, requiredBy.get(name));
    }
}
