package io.terrarium.conda.solve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes why no candidate of a required package is left, as {@link RequirementPropagation} found it: candidates with
 * the same kind of reason as one line (their builds as version ranges), a dependency whose candidates are all ruled
 * out explained on indented lines below it while the text stays within {@link #MAX_LINES} and {@link #MAX_CHARS},
 * and each chain written once, later lines pointing back to it with a number.
 */
final class RuledOutExplanation {
    static final int MAX_LINES = 28;
    static final int MAX_CHARS = 2800;
    /** How deep explanations of dependencies nest: deeper ones add lines faster than they add understanding. */
    private static final int MAX_DEPTH = 3;
    /** A line with its chain longer than this gets the chain's steps on lines of their own. */
    private static final int INLINE_WIDTH = 150;
    /** A whole explanation this short with one reason stays on one line. */
    private static final int ONE_LINE_WIDTH = 250;

    private static final String INDENT = "    ";

    private final CandidatePool pool;
    private final Map<Integer, Requirement> excludedBy;
    private final Map<Integer, String> missingDependency;
    private final Map<String, List<RuledOutGroup>> groupsBySet = new LinkedHashMap<>();

    RuledOutExplanation(
            CandidatePool pool, Map<Integer, Requirement> excludedBy, Map<Integer, String> missingDependency) {
        this.pool = pool;
        this.excludedBy = excludedBy;
        this.missingDependency = missingDependency;
    }

    /**
     * "chain, but no `x` can be installed:" and the reasons below it: all of them when they fit, else the first ones
     * and "... and N more reasons"; dependencies are explained breadth first while the bounds allow.
     */
    String explain(String name, Requirement requiredBy) {
        int[] all = pool.candidates(pool.nameId(name));
        List<RuledOutGroup> top = groups(all);
        int shown = top.size();
        String text = render(name, requiredBy, top, shown, Set.of());
        while (shown > 1 && !fits(text)) {
            text = render(name, requiredBy, top, --shown, Set.of());
        }
        Set<String> expanded = new HashSet<>();
        ArrayDeque<Candidate> queue = new ArrayDeque<>();
        for (RuledOutGroup g : top.subList(0, shown)) {
            queue.add(new Candidate(g, g.key, 0));
        }
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            if (!c.group.isEmptiedDependency() || c.depth >= MAX_DEPTH) {
                continue;
            }
            expanded.add(c.path);
            String wider = render(name, requiredBy, top, shown, expanded);
            if (!fits(wider)) {
                expanded.remove(c.path);
                continue;
            }
            text = wider;
            for (RuledOutGroup child : groups(c.group.dependencyCandidates(pool))) {
                queue.add(new Candidate(child, c.path + "/" + child.key, c.depth + 1));
            }
        }
        return text;
    }

    /** A group that could be explained further, by where it sits in the tree. */
    private record Candidate(RuledOutGroup group, String path, int depth) {}

    private static boolean fits(String text) {
        return text.length() <= MAX_CHARS && text.lines().count() <= MAX_LINES;
    }

    private String render(String name, Requirement requiredBy, List<RuledOutGroup> top, int shown, Set<String> expand) {
        ChainText chains = new ChainText(INLINE_WIDTH);
        List<String> lines = new ArrayList<>();
        // deeper than the reasons below it, so the chain's steps do not read as reasons
        lines.addAll(chains.append("", requiredBy, INDENT + INDENT));
        lines.set(lines.size() - 1, lines.get(lines.size() - 1) + ", but no `" + name + "` can be installed:");
        new Writer(chains, lines, expand).write(top.subList(0, shown), 0, "");
        int more = top.size() - shown;
        if (more > 0) {
            lines.add(INDENT + ProblemBudget.moreReasons(more));
        }
        List<String> done = chains.resolve(lines);
        if (done.size() == 2 && shown == 1 && expand.isEmpty()) {
            String one = done.get(0) + " " + done.get(1).strip();
            if (one.length() <= ONE_LINE_WIDTH) {
                return one;
            }
        }
        return String.join("\n", done);
    }

    /** Lines of one rendering, DFS order; a dependency set explained once, later mentions point back to it. */
    private final class Writer {
        private final ChainText chains;
        private final List<String> lines;
        private final Set<String> expand;
        private final Map<String, String> explainedSets = new LinkedHashMap<>();

        Writer(ChainText chains, List<String> lines, Set<String> expand) {
            this.chains = chains;
            this.lines = lines;
            this.expand = expand;
        }

        void write(List<RuledOutGroup> groups, int depth, String parentPath) {
            String indent = INDENT + "  ".repeat(depth);
            for (RuledOutGroup g : groups) {
                String path = parentPath.isEmpty() ? g.key : parentPath + "/" + g.key;
                String line = indent + g.subject(pool);
                String more = indent + INDENT;
                switch (g.kind) {
                    case EXCLUDED -> lines.addAll(chains.append(line + " ruled out by ", g.chain, more));
                    case DEPENDENCY_EXCLUDED ->
                        lines.addAll(chains.append(
                                line + (g.hasSeveralClauses() ? ", each ruled out by " : ", ruled out by "),
                                g.chain,
                                more));
                    case NOTHING_PROVIDES -> lines.add(line + ", which nothing provides");
                    case STILL_POSSIBLE -> lines.add(line + " (still possible)");
                    case DEPENDENCY_EMPTIED -> emptied(g, line + ", whose candidates are all ruled out", depth, path);
                }
            }
        }

        /** A dependency with no candidate left: explained below it once if planned, later mentions point back. */
        private void emptied(RuledOutGroup g, String line, int depth, String path) {
            String setKey = Arrays.toString(g.dependencyCandidates(pool));
            String earlier = explainedSets.get(setKey);
            if (earlier != null) {
                lines.add(line + " (see " + chains.reference(earlier) + ")");
            } else if (expand.contains(path)) {
                String label = "s" + explainedSets.size();
                explainedSets.put(setKey, label);
                lines.add(line + chains.label(label) + ":");
                write(groups(g.dependencyCandidates(pool)), depth + 1, path);
            } else {
                lines.add(line);
            }
        }
    }

    /** The candidates among {@code vars} grouped by reason, in candidate order (best first). */
    private List<RuledOutGroup> groups(int[] vars) {
        int[] sorted = vars.clone();
        Arrays.sort(sorted);
        return groupsBySet.computeIfAbsent(Arrays.toString(sorted), k -> {
            Map<String, RuledOutGroup> out = new LinkedHashMap<>();
            for (int v : vars) {
                classify(v, out);
            }
            return new ArrayList<>(out.values());
        });
    }

    private void classify(int v, Map<String, RuledOutGroup> out) {
        Requirement chain = excludedBy.get(v);
        if (chain != null) {
            out.computeIfAbsent("x" + chain.id, k -> new RuledOutGroup(k, RuledOutGroup.Kind.EXCLUDED, chain, null))
                    .add(v, null, null);
            return;
        }
        String dep = missingDependency.get(v);
        if (dep == null) {
            out.computeIfAbsent("p", k -> new RuledOutGroup(k, RuledOutGroup.Kind.STILL_POSSIBLE, null, null))
                    .add(v, null, null);
            return;
        }
        String depName = pool.spec(dep).name();
        int[] cands = pool.matchingDependency(dep);
        RuledOutGroup.Kind kind;
        Requirement by = cands.length == 0 ? null : excludedBy.get(cands[0]);
        if (cands.length == 0) {
            kind = RuledOutGroup.Kind.NOTHING_PROVIDES;
        } else {
            for (int c : cands) {
                if (excludedBy.get(c) != by) {
                    by = null;
                }
            }
            kind = by == null ? RuledOutGroup.Kind.DEPENDENCY_EMPTIED : RuledOutGroup.Kind.DEPENDENCY_EXCLUDED;
        }
        Requirement depChain = by;
        String key = kind.name() + "\u0000" + depName + (depChain == null ? "" : "\u0000" + depChain.id);
        out.computeIfAbsent(key, k -> new RuledOutGroup(k, kind, depChain, depName))
                .add(v, dep, cands);
    }
}
