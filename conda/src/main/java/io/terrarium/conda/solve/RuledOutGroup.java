package io.terrarium.conda.solve;

import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Candidates of one package ruled out for the same kind of reason, with the dependency specs they fail on. */
final class RuledOutGroup {
    /** Why the candidates are out. */
    enum Kind {
        /** A requirement chain leaves no room for them. */
        EXCLUDED,
        /** They depend on a package nothing provides. */
        NOTHING_PROVIDES,
        /** They depend on candidates that one chain rules out. */
        DEPENDENCY_EXCLUDED,
        /** They depend on candidates that are all ruled out, for reasons of their own. */
        DEPENDENCY_EMPTIED,
        /** Not ruled out (the propagation stopped before). */
        STILL_POSSIBLE
    }

    /** Above this many distinct specs the group names their union instead of which build needs which. */
    private static final int MAX_SPEC_CLAUSES = 3;

    final String key;
    final Kind kind;
    /** The chain that rules them (or their dependency's candidates) out; {@code null} for other kinds. */
    final Requirement chain;
    /** The dependency's package name; {@code null} for {@link Kind#EXCLUDED} and {@link Kind#STILL_POSSIBLE}. */
    final String dependency;

    private final List<Integer> vars = new ArrayList<>();
    private final Map<String, List<Integer>> bySpec = new LinkedHashMap<>();
    private final Set<Integer> dependencyCandidates = new HashSet<>();

    RuledOutGroup(String key, Kind kind, Requirement chain, String dependency) {
        this.key = key;
        this.kind = kind;
        this.chain = chain;
        this.dependency = dependency;
    }

    /** Adds a candidate ruled out for this group's reason, with the dependency spec it fails on and its matches. */
    void add(int var, String spec, int[] specCandidates) {
        vars.add(var);
        if (spec == null) {
            return;
        }
        bySpec.computeIfAbsent(spec, s -> new ArrayList<>()).add(var);
        for (int c : specCandidates) {
            dependencyCandidates.add(c);
        }
    }

    /** Whether {@link #subject} names several specs, one clause each ("a requires `x` and b requires `y`"). */
    boolean hasSeveralClauses() {
        return bySpec.size() > 1 && bySpec.size() <= MAX_SPEC_CLAUSES;
    }

    boolean isEmptiedDependency() {
        return kind == Kind.DEPENDENCY_EMPTIED;
    }

    /** The candidates of the dependency that some spec of the group accepts, best first. */
    int[] dependencyCandidates(CandidatePool pool) {
        List<Integer> out = new ArrayList<>();
        for (int c : pool.candidates(pool.nameId(dependency))) {
            if (dependencyCandidates.contains(c)) {
                out.add(c);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Who and what they require: "plugin-2.0-0 requires `libc 3.*` and plugin-1.0-0 requires `libc 2.*`", or for
     * many specs "x 1.0 to 3.0 (40 builds) require y (12 ranges, together >=1.0,<4)".
     */
    String subject(CandidatePool pool) {
        List<PackageRecord> all = pool.records(pool.candidates(pool.nameOf(vars.get(0))));
        if (bySpec.isEmpty()) {
            return BuildRanges.describe(records(pool, vars), all);
        }
        if (bySpec.size() <= MAX_SPEC_CLAUSES) {
            List<String> clauses = new ArrayList<>();
            for (Map.Entry<String, List<Integer>> e : bySpec.entrySet()) {
                clauses.add(BuildRanges.describe(records(pool, e.getValue()), all)
                        + verb(e.getValue().size()) + "`" + e.getKey() + "`");
            }
            return ConflictExplainer.joined(clauses);
        }
        List<String> specs = new ArrayList<>(bySpec.keySet());
        String union = SpecUnion.describe(dependency, specs);
        if (union == null) {
            union = "one of " + specs.size() + " specs, e.g. `" + specs.get(0) + "` or `" + specs.get(1) + "`";
        }
        return BuildRanges.describe(records(pool, vars), all) + verb(vars.size()) + dependency + " (" + union + ")";
    }

    private static String verb(int records) {
        return records == 1 ? " requires " : " require ";
    }

    private static List<PackageRecord> records(CandidatePool pool, List<Integer> vars) {
        List<PackageRecord> out = new ArrayList<>();
        for (int v : vars) {
            out.add(pool.record(v));
        }
        return out;
    }
}
