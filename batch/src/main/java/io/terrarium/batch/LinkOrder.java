package io.terrarium.batch;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders locked records so each comes after the records it depends on (conda links dependencies first, so
 * post-link scripts and noarch python find what they need); lockfiles list records by name instead.
 */
final class LinkOrder {

    private LinkOrder() {
    }

    static List<PackageRecord> sort(List<PackageRecord> records) {
        Map<String, PackageRecord> byName = new LinkedHashMap<>();
        for (PackageRecord r : records) {
            byName.put(r.name(), r);
        }
        List<PackageRecord> out = new ArrayList<>(records.size());
        Set<String> done = new HashSet<>();
        for (PackageRecord r : records) {
            visit(r, byName, done, new HashSet<>(), out);
        }
        return out;
    }

    private static void visit(PackageRecord r, Map<String, PackageRecord> byName, Set<String> done,
                              Set<String> onPath, List<PackageRecord> out) {
        if (done.contains(r.name()) || !onPath.add(r.name())) {
            return; // finished, or a dependency cycle: break it where it closes
        }
        for (String dep : r.depends()) {
            PackageRecord d = byName.get(depName(dep));
            if (d != null) {
                visit(d, byName, done, onPath, out);
            }
        }
        onPath.remove(r.name());
        if (done.add(r.name())) {
            out.add(r);
        }
    }

    private static String depName(String dep) {
        try {
            return MatchSpec.parse(dep).name();
        } catch (RuntimeException e) {
            int space = dep.indexOf(' ');
            return space < 0 ? dep : dep.substring(0, space);
        }
    }
}
