package io.terrarium.conda.solve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One derived fact of {@link RequirementPropagation}: a package must be installed, from a requested spec, the target
 * system, or because every remaining candidate of an already required package depends on (or constrains) it.
 */
final class Requirement {
    /** Above this many alternatives a step names their union instead of each spec. */
    private static final int MAX_LISTED_ALTERNATIVES = 3;

    final int id;
    /** The package this fact requires. */
    final String name;
    /** The requirement of the package whose remaining candidates need this one; {@code null} for a root. */
    final Requirement parent;
    /** A root's text ({@code `spec` (requested)}); {@code null} otherwise. */
    private final String origin;
    /** How many candidates of the parent's package remained when this was derived. */
    private final int remaining;
    /** The only remaining record of the parent's package, when {@code remaining == 1}. */
    private final String onlyRecord;
    /** Distinct spec lists on {@link #name}, one per remaining record (a record's specs all apply at once). */
    private final List<List<String>> alternatives;

    private final boolean constrains;

    private Requirement(
            int id,
            String name,
            Requirement parent,
            String origin,
            int remaining,
            String onlyRecord,
            List<List<String>> alternatives,
            boolean constrains) {
        this.id = id;
        this.name = name;
        this.parent = parent;
        this.origin = origin;
        this.remaining = remaining;
        this.onlyRecord = onlyRecord;
        this.alternatives = alternatives;
        this.constrains = constrains;
    }

    static Requirement root(int id, String name, String origin) {
        return new Requirement(id, name, null, origin, 0, null, List.of(), false);
    }

    static Requirement derived(
            int id,
            String name,
            Requirement parent,
            int remaining,
            String onlyRecord,
            List<List<String>> alternatives,
            boolean constrains) {
        return new Requirement(id, name, parent, null, remaining, onlyRecord, List.copyOf(alternatives), constrains);
    }

    boolean isRoot() {
        return parent == null;
    }

    /** The requirements from the root to this one. */
    List<Requirement> path() {
        List<Requirement> out = new ArrayList<>();
        for (Requirement r = this; r != null; r = r.parent) {
            out.add(r);
        }
        Collections.reverse(out);
        return out;
    }

    /**
     * This link of the chain alone: the root's text, or "every remaining x (12) requires y (`y 1.*` or `y 2.*`)";
     * many alternatives are summarised by {@link SpecUnion}.
     */
    String step() {
        if (isRoot()) {
            return origin;
        }
        String verb = constrains ? " constrains " : " requires ";
        if (onlyRecord != null) {
            return onlyRecord + verb + String.join(" and ", quoted(alternatives.get(0)));
        }
        return "every remaining " + parent.name + " (" + remaining + ")" + verb + name + " (" + alternativesText()
                + ")";
    }

    private String alternativesText() {
        if (alternatives.size() > MAX_LISTED_ALTERNATIVES) {
            String union = SpecUnion.describe(name, singleSpecs());
            if (union != null) {
                return union;
            }
            List<String> shown = new ArrayList<>();
            for (List<String> a : alternatives.subList(0, 2)) {
                shown.add(String.join(" and ", quoted(a)));
            }
            return "one of " + alternatives.size() + " alternatives, e.g. " + String.join(" or ", shown);
        }
        List<String> out = new ArrayList<>();
        for (List<String> a : alternatives) {
            out.add(String.join(" and ", quoted(a)));
        }
        return String.join(" or ", out);
    }

    /** The alternatives when each is one spec, else {@code null}. */
    private List<String> singleSpecs() {
        List<String> out = new ArrayList<>();
        for (List<String> a : alternatives) {
            if (a.size() != 1) {
                return null;
            }
            out.add(a.get(0));
        }
        return out;
    }

    private static List<String> quoted(List<String> specs) {
        List<String> out = new ArrayList<>();
        for (String s : specs) {
            out.add("`" + s + "`");
        }
        return out;
    }

    /** The whole chain on one line, root first. */
    @Override
    public String toString() {
        return isRoot() ? origin : parent + " -> " + step();
    }
}
