package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Shared steps of the ported conda, rattler and mamba suites: build a request, solve, compare dist sets. */
final class SuiteSupport {
    private SuiteSupport() {}

    /** A request on {@code index} with conda's default (flexible) channel priority and no virtual packages. */
    static SolveRequest.Builder request(RepoIndex index, String... specs) {
        SolveRequest.Builder b = SolveRequest.builder(index).channelPriority(ChannelPriority.FLEXIBLE);
        for (String s : specs) {
            b.spec(MatchSpec.parse(s));
        }
        return b;
    }

    static SolveResult solve(SolveRequest.Builder request) {
        SolveResult r = new Solver().solve(request.build());
        assertConsistent(r);
        return r;
    }

    /** The explanation of a request that must be unsatisfiable. */
    static UnsatisfiableException unsat(SolveRequest.Builder request) {
        return assertThrows(UnsatisfiableException.class, () -> new Solver().solve(request.build()));
    }

    /** {@code base} followed by {@code more}, for expected dist lists that extend a shared one. */
    static List<String> plus(List<String> base, String... more) {
        List<String> l = new ArrayList<>(base);
        l.addAll(List.of(more));
        return l;
    }

    /** The linux-64 virtual packages with {@code CONDA_OVERRIDE_*} values as conda's tests set them. */
    static List<PackageRecord> virtualPackages(Map<String, String> overrides) {
        return VirtualPackages.detect(Platform.LINUX_64, Map.of(), overrides);
    }

    /** {@code name-version-build} of every chosen record, sorted. */
    static List<String> dists(SolveResult r) {
        return new ArrayList<>(
                new TreeSet<>(r.records().stream().map(PackageRecord::dist).toList()));
    }

    /** Asserts the chosen dists equal the expected ones (conda's {@code channel::} prefixes are dropped). */
    static void assertDists(List<String> expected, SolveResult r) {
        TreeSet<String> want = new TreeSet<>();
        for (String e : expected) {
            want.add(e.contains("::") ? e.substring(e.indexOf("::") + 2) : e);
        }
        assertEquals(new ArrayList<>(want), dists(r));
    }

    /** Asserts the chosen record named {@code name} comes from the channel whose URL ends with {@code channel}. */
    static void assertChannel(String channel, String dist, SolveResult r) {
        PackageRecord rec = r.records().stream()
                .filter(x -> x.dist().equals(dist))
                .findFirst()
                .orElse(null);
        assertTrue(rec != null, dist + " not chosen: " + dists(r));
        assertTrue(
                rec.channel().endsWith("/" + channel) || rec.channel().equals(channel),
                dist + " should come from " + channel + " but comes from " + rec.channel());
    }

    /** Every dependency and constraint of the solution holds inside it, one record per name, dependencies first. */
    static void assertConsistent(SolveResult r) {
        List<String> names = r.records().stream().map(PackageRecord::name).toList();
        assertEquals(names.size(), new TreeSet<>(names).size(), "one record per name: " + names);
        for (PackageRecord rec : r.records()) {
            for (String dep : rec.depends()) {
                MatchSpec spec = MatchSpec.parse(dep);
                if (spec.name().startsWith("__")) {
                    continue;
                }
                PackageRecord chosen = r.record(spec.name());
                assertTrue(chosen != null && spec.matches(chosen), rec.dist() + " requires " + dep + ", got " + chosen);
                if (!spec.name().equals(rec.name()) && !dependsOn(r, chosen, rec.name())) {
                    assertTrue(
                            names.indexOf(spec.name()) < names.indexOf(rec.name()),
                            spec.name() + " must precede " + rec.name() + " in " + names);
                }
            }
            for (String con : rec.constrains()) {
                MatchSpec spec = MatchSpec.parse(con);
                PackageRecord chosen = r.record(spec.name());
                assertTrue(
                        chosen == null || spec.matches(chosen), rec.dist() + " constrains " + con + ", got " + chosen);
            }
        }
    }

    private static boolean dependsOn(SolveResult r, PackageRecord from, String name) {
        for (String d : from.depends()) {
            if (MatchSpec.parse(d).name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
