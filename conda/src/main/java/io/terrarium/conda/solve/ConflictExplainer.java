package io.terrarium.conda.solve;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Version;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns an unsatisfiable request into an explanation: first a smallest set of requested specs that still conflict
 * (by solving without each spec in turn), then, from the dependency chains of those specs ({@link ChainWalk}), the
 * virtual packages the target system does not meet, the packages that nothing provides and the sets of constraints on
 * one package that no candidate meets together; failing those, what the specs force across packages
 * ({@link RequirementPropagation}).
 */
final class ConflictExplainer {
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
            if (!CandidatePool.isFeatureSpec(s) && pool.matching(s).length == 0) {
                unavailable.add(s);
                problems.add(nothingProvides(pool, s, null));
            }
        }
        if (!unavailable.isEmpty()) {
            return new UnsatisfiableException(
                    unavailableHeadline(unavailable), texts(unavailable), ProblemBudget.fit(problems));
        }
        List<MatchSpec> core = smallestConflictingSubset(specs);
        // a feature spec names no package to follow: the pool has enabled its feature
        List<MatchSpec> packages =
                core.stream().filter(s -> !CandidatePool.isFeatureSpec(s)).toList();
        problems.addAll(new ChainWalk(pool, packages, deadlineNanos).problems());
        if (problems.isEmpty()) {
            // no single package's constraints explain it: follow what the specs force across packages
            problems.addAll(new RequirementPropagation(pool, packages, deadlineNanos).problems());
        }
        if (problems.isEmpty()) {
            problems.add("no combination of their candidates is consistent (" + (pool.varCount() - 1)
                    + " candidate records examined)");
        }
        return new UnsatisfiableException(headline(core), texts(core), ProblemBudget.fit(problems));
    }

    private static List<String> texts(List<MatchSpec> specs) {
        List<String> out = new ArrayList<>();
        for (MatchSpec s : specs) {
            out.add(text(s));
        }
        return out;
    }

    private static String unavailableHeadline(List<MatchSpec> specs) {
        return "nothing provides the requested " + quoted(specs) + ":";
    }

    private static String headline(List<MatchSpec> core) {
        String all = core.size() == 1 ? "" : core.size() == 2 ? "both " : "all of ";
        return "cannot install " + all + quoted(core) + " (requested):";
    }

    /** "`a`, `b` and `c`". */
    private static String quoted(List<MatchSpec> specs) {
        List<String> out = new ArrayList<>();
        for (MatchSpec s : specs) {
            out.add("`" + text(s) + "`");
        }
        return joined(out);
    }

    /** "a", "a and b", "a, b and c". */
    static String joined(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /**
     * Deletion-based narrowing: drop each spec, first to last, whose absence still leaves the rest unsatisfiable (so
     * when {@code a} fails only because of the spec {@code b} it needs, {@code b} is what remains).
     */
    private List<MatchSpec> smallestConflictingSubset(List<MatchSpec> specs) {
        List<MatchSpec> core = new ArrayList<>(specs);
        for (MatchSpec candidate : specs) {
            if (core.size() <= 1) {
                break;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            List<MatchSpec> without = new ArrayList<>(core);
            without.remove(candidate);
            try {
                SolveRequest smaller = request.withSpecs(without).withTimeout(Duration.ofNanos(left));
                if (!Solver.isSatisfiable(smaller, specCache)) {
                    core = without;
                }
            } catch (SolverTimeoutException e) {
                break;
            }
        }
        return core;
    }

    /** "nothing provides `spec` needed by X", with the reason when records exist but were ruled out. */
    static String nothingProvides(CandidatePool pool, MatchSpec spec, PackageRecord neededBy) {
        String name = spec.name();
        String head = "nothing provides `" + text(spec) + "`"
                + (neededBy == null ? " (requested)" : " needed by " + neededBy.dist());
        SolveRequest request = pool.request();
        List<PackageRecord> offered = pool.offered(name);
        if (VirtualPackageHint.isVirtual(name)) {
            List<PackageRecord> provided = pool.provided(name);
            boolean met = false;
            for (PackageRecord r : provided) {
                met |= spec.matches(r);
            }
            if (!met) {
                return head + ": " + VirtualPackageHint.explain(spec, provided);
            }
        }
        if (offered.isEmpty()) {
            return head + ": no package named `" + name + "` in the channels";
        }
        List<PackageRecord> matching = new ArrayList<>();
        for (PackageRecord r : offered) {
            if (spec.matches(r)) {
                matching.add(r);
            }
        }
        if (matching.isEmpty()) {
            return head + " (available versions of " + name + ": " + versions(offered) + ")";
        }
        for (MatchSpec pin : request.pinned()) {
            if (pin.name().equals(name)) {
                boolean any = false;
                for (PackageRecord r : matching) {
                    any |= pin.matches(r);
                }
                if (!any) {
                    return head + ": the pin `" + text(pin) + "` excludes every match";
                }
            }
        }
        if (request.excludeNewer() != null) {
            boolean anyOld = false;
            for (PackageRecord r : matching) {
                anyOld |= CandidatePool.normalisedTimestamp(r)
                        <= request.excludeNewer().toEpochMilli();
            }
            if (!anyOld) {
                return head + ": every match is newer than " + request.excludeNewer();
            }
        }
        boolean anyEnabled = false;
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (PackageRecord r : matching) {
            if (pool.featuresEnabled(r)) {
                anyEnabled = true;
            } else {
                missing.addAll(r.features());
            }
        }
        if (!anyEnabled) {
            missing.removeAll(pool.enabledFeatures());
            String first = missing.iterator().next();
            return head + ": every match has the legacy feature" + (missing.size() == 1 ? " `" : "s `")
                    + String.join("`, `", missing) + "`, which nothing in the request enables (add `*[track_features="
                    + first + "]` or a package that tracks it)";
        }
        List<PackageRecord> eligible = pool.eligible(name);
        if (request.channelPriority() == ChannelPriority.STRICT && !eligible.isEmpty()) {
            return head + ": strict channel priority only allows " + name + " from "
                    + eligible.get(0).channel() + " (versions " + versions(eligible)
                    + "); matches exist in lower-priority channels";
        }
        return head;
    }

    /** A spec as the user or the repodata wrote it. */
    static String text(MatchSpec spec) {
        String original = spec.originalText();
        return original == null || original.isBlank() ? spec.toString() : original.trim();
    }

    static String versions(List<PackageRecord> records) {
        TreeSet<Version> set = new TreeSet<>(java.util.Comparator.reverseOrder());
        for (PackageRecord r : records) {
            set.add(r.version());
        }
        StringBuilder sb = new StringBuilder();
        int n = 0;
        for (Version v : set) {
            if (n++ == 8) {
                sb.append(", ...");
                break;
            }
            if (n > 1) {
                sb.append(", ");
            }
            sb.append(v);
        }
        return sb.toString();
    }
}
