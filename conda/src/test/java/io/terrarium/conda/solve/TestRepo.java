package io.terrarium.conda.solve;

import io.terrarium.conda.repodata.RepoIndex;
import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Hand-built channels for solver tests: {@code repo.add("foo", "1.0", "bar >=2")} and friends. */
final class TestRepo {
    static final String MAIN = "https://example.test/main";
    static final String EXTRA = "https://example.test/extra";

    private final List<PackageRecord> records = new ArrayList<>();

    /** Adds {@code name-version-0} to the main channel with the given dependencies. */
    PackageRecord add(String name, String version, String... depends) {
        return add(record(name, version).depends(List.of(depends)));
    }

    PackageRecord add(PackageRecord.Builder b) {
        PackageRecord r = b.build();
        records.add(r);
        return r;
    }

    /** A builder with build string {@code 0}, subdir linux-64 and the main channel preset. */
    static PackageRecord.Builder record(String name, String version) {
        return PackageRecord.builder(name, version)
                .build("0")
                .subdir("linux-64")
                .channel(MAIN)
                .fn(name + "-" + version + "-0.tar.bz2");
    }

    RepoIndex index() {
        return RepoIndex.of(List.of(MAIN, EXTRA), records);
    }

    SolveRequest.Builder request(String... specs) {
        SolveRequest.Builder b = SolveRequest.builder(index());
        for (String s : specs) {
            b.spec(MatchSpec.parse(s));
        }
        return b;
    }

    SolveResult solve(String... specs) {
        return new Solver().solve(request(specs).build());
    }

    static String dists(SolveResult result) {
        return result.records().stream().map(PackageRecord::dist).sorted().collect(Collectors.joining(" "));
    }

    static List<String> sorted(String... dists) {
        List<String> l = new ArrayList<>(Arrays.asList(dists));
        l.sort(null);
        return l;
    }

    static PackageRecord virtual(String name, String version) {
        return PackageRecord.builder(name, version)
                .build("0")
                .channel("@")
                .subdir("linux-64")
                .build();
    }
}
