package io.terrarium.conda.solve;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders records so that each comes after the records it depends on. Cycles are broken deterministically; python's
 * dependency on pip (which conda adds to python records, {@code add_pip_as_python_dependency}) is ignored, so that
 * python comes before pip and the packages pip needs, as conda orders them.
 */
final class DependencyOrder {
    private DependencyOrder() {}

    static List<PackageRecord> sort(List<PackageRecord> records, Function<String, MatchSpec> parser) {
        Map<String, PackageRecord> byName = new HashMap<>();
        for (PackageRecord r : records) byName.put(r.name(), r);
        List<PackageRecord> roots = new ArrayList<>(records);
        roots.sort(Comparator.comparing(PackageRecord::name));
        List<PackageRecord> out = new ArrayList<>(records.size());
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (PackageRecord r : roots) visit(r, byName, parser, done, onPath, out);
        return out;
    }

    private static void visit(PackageRecord r, Map<String, PackageRecord> byName, Function<String, MatchSpec> parser,
                              Set<String> done, Set<String> onPath, List<PackageRecord> out) {
        if (done.contains(r.name()) || !onPath.add(r.name())) return;
        List<String> deps = new ArrayList<>();
        for (String d : r.depends()) {
            MatchSpec spec = parser.apply(d);
            if (spec == null || !byName.containsKey(spec.name())) continue;
            if (r.name().equals("python") && spec.name().equals("pip")) continue;
            deps.add(spec.name());
        }
        deps.sort(null);
        for (String d : deps) visit(byName.get(d), byName, parser, done, onPath, out);
        onPath.remove(r.name());
        done.add(r.name());
        out.add(r);
    }
}
