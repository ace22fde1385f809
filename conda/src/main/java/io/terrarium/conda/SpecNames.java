package io.terrarium.conda;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Package names of match specs, and the install order they imply. */
final class SpecNames {
    private SpecNames() {
    }

    /** The package name a spec names, or "" when it names none ({@code *}) or does not parse. */
    static String nameOf(String spec) {
        try {
            String n = MatchSpec.parse(spec).name();
            return n == null ? "" : n;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The spec of {@code specs} that names {@code record}'s package, or null. */
    static String requestedSpec(List<String> specs, PackageRecord record) {
        for (String s : specs) {
            if (nameOf(s).equals(record.name())) return s;
        }
        return null;
    }

    /**
     * {@code records} ordered so that each comes after the records it depends on (a depth-first walk from the
     * names in order; cycles are broken where found), keeping the given order otherwise.
     */
    static List<PackageRecord> installOrder(List<PackageRecord> records) {
        Map<String, PackageRecord> byName = new HashMap<>();
        for (PackageRecord r : records) byName.put(r.name(), r);
        List<PackageRecord> out = new ArrayList<>(records.size());
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        List<PackageRecord> roots = new ArrayList<>(records);
        roots.sort(Comparator.comparing(PackageRecord::name));
        for (PackageRecord r : roots) visit(r, byName, done, onPath, out);
        return out;
    }

    private static void visit(PackageRecord r, Map<String, PackageRecord> byName, Set<String> done,
                              Set<String> onPath, List<PackageRecord> out) {
        if (done.contains(r.name()) || !onPath.add(r.name())) return;
        List<String> deps = new ArrayList<>();
        for (String d : r.depends()) {
            String n = nameOf(d);
            if (byName.containsKey(n)) deps.add(n);
        }
        deps.sort(null);
        for (String d : deps) visit(byName.get(d), byName, done, onPath, out);
        onPath.remove(r.name());
        done.add(r.name());
        out.add(r);
    }
}
