package io.terrarium.conda.install;

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
 * The one order in which records are linked into a prefix (and in which the solver returns them): each record after
 * the records it depends on, as conda links, so post-link scripts and {@code noarch: python} packages find what they
 * need. The CLI's {@code create}, the server's build job and the solver all use it, so one lockfile is linked in one
 * order everywhere.
 *
 * <p>The order is a depth-first walk that is fully determined by the records, not by the order they are given in:
 * <ul>
 *   <li>roots are visited by package name;</li>
 *   <li>a record's dependencies are visited by package name (not in the order its {@code depends} lists them);</li>
 *   <li>dependencies on packages outside the list (virtual packages such as {@code __glibc}) and dependencies that do
 *       not parse are ignored;</li>
 *   <li>python's dependency on pip (which conda adds to python records, {@code add_pip_as_python_dependency}) is
 *       ignored, so that python comes before pip and the packages pip needs, as conda orders them;</li>
 *   <li>a dependency cycle is broken where it closes: the record that would close it is linked after the others of
 *       the cycle that it was reached from.</li>
 * </ul>
 */
public final class LinkOrder {
    private LinkOrder() {}

    /** {@code records} in link order, parsing each dependency with {@link MatchSpec#parse}. */
    public static List<PackageRecord> sort(List<PackageRecord> records) {
        return sort(records, LinkOrder::parseOrNull);
    }

    /**
     * {@code records} in link order.
     *
     * @param parser the spec of a dependency text, or null when it does not parse (lets the solver reuse its cache)
     */
    public static List<PackageRecord> sort(List<PackageRecord> records, Function<String, MatchSpec> parser) {
        Map<String, PackageRecord> byName = new HashMap<>();
        for (PackageRecord r : records) {
            byName.put(r.name(), r);
        }
        List<PackageRecord> roots = new ArrayList<>(records);
        roots.sort(Comparator.comparing(PackageRecord::name));
        List<PackageRecord> out = new ArrayList<>(records.size());
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (PackageRecord r : roots) {
            visit(r, byName, parser, done, onPath, out);
        }
        return out;
    }

    private static void visit(
            PackageRecord r,
            Map<String, PackageRecord> byName,
            Function<String, MatchSpec> parser,
            Set<String> done,
            Set<String> onPath,
            List<PackageRecord> out) {
        if (done.contains(r.name()) || !onPath.add(r.name())) {
            return; // linked already, or a cycle closes here
        }
        List<String> deps = new ArrayList<>();
        for (String d : r.depends()) {
            MatchSpec spec = parser.apply(d);
            if (spec == null || spec.name() == null || !byName.containsKey(spec.name())) {
                continue;
            }
            if (r.name().equals("python") && spec.name().equals("pip")) {
                continue;
            }
            deps.add(spec.name());
        }
        deps.sort(null);
        for (String d : deps) {
            visit(byName.get(d), byName, parser, done, onPath, out);
        }
        onPath.remove(r.name());
        done.add(r.name());
        out.add(r);
    }

    private static MatchSpec parseOrNull(String dependency) {
        try {
            return MatchSpec.parse(dependency);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
