package io.terrarium.conda.solve;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Names some builds of one package briefly: each file name when there are few, else their versions as ranges over
 * the package's versions with a count ("py-lxml-io 3.0.0 to 3.6.0 (40 builds)").
 */
final class BuildRanges {
    static final int MAX_LISTED = 3;
    private static final int MAX_RANGES = 3;

    private BuildRanges() {}

    /**
     * {@code group} named against {@code all}, the package's candidates: a range joins versions that are adjacent
     * among all candidate versions, so "3.0.0 to 3.6.0" never spans a version with no build in the group.
     */
    static String describe(List<PackageRecord> group, List<PackageRecord> all) {
        if (group.size() <= MAX_LISTED) {
            List<String> dists = new ArrayList<>();
            for (PackageRecord r : group) {
                dists.add(r.dist());
            }
            return String.join(", ", dists);
        }
        Set<Version> inGroup = new TreeSet<>();
        for (PackageRecord r : group) {
            inGroup.add(r.version());
        }
        Set<Version> every = new TreeSet<>(inGroup);
        for (PackageRecord r : all) {
            every.add(r.version());
        }
        List<String> ranges = ranges(inGroup, every);
        String count = group.size() == all.size() ? "all " + group.size() + " builds" : group.size() + " builds";
        if (ranges.size() <= MAX_RANGES) {
            return group.get(0).name() + " " + String.join(", ", ranges) + " (" + count + ")";
        }
        return group.get(0).name() + " " + ranges.get(0) + ", ..., " + ranges.get(ranges.size() - 1) + " ("
                + ranges.size() + " version ranges, " + count + ")";
    }

    private static List<String> ranges(Set<Version> inGroup, Set<Version> every) {
        List<String> out = new ArrayList<>();
        Version first = null;
        Version last = null;
        for (Version v : every) {
            if (inGroup.contains(v)) {
                if (first == null) {
                    first = v;
                }
                last = v;
            } else if (first != null) {
                out.add(range(first, last));
                first = null;
            }
        }
        if (first != null) {
            out.add(range(first, last));
        }
        return out;
    }

    private static String range(Version first, Version last) {
        return first.equals(last) ? first.toString() : first + " to " + last;
    }
}
