package io.terrarium.conda.pip.requirement;

import io.terrarium.conda.pip.version.SpecifierSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One PEP 508 dependency specifier: {@code name[extra,...] (specifiers | @ url) ; marker}.
 *
 * @param name       the distribution's name
 * @param extras     requested extras, normalised and sorted
 * @param specifiers version clauses ({@link SpecifierSet#any()} for none or for a URL requirement)
 * @param url        the direct reference of {@code name @ url}, or null
 * @param marker     the environment marker, or null
 */
public record Requirement(
        PackageName name, SortedSet<String> extras, SpecifierSet specifiers, String url, Marker marker) {

    public Requirement {
        extras = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(extras));
    }

    /** Parses a requirement line; throws {@link InvalidRequirementException} quoting it and the problem. */
    public static Requirement parse(String text) {
        return new RequirementParser(text).requirement();
    }

    /** A plain requirement on a name with specifiers. */
    public static Requirement of(PackageName name, SpecifierSet specifiers) {
        return new Requirement(name, new TreeSet<>(), specifiers, null, null);
    }

    /** Whether the requirement applies in {@code env} when the given extras of its owner are requested. */
    public boolean appliesTo(MarkerEnvironment env, Set<String> ownerExtras) {
        if (marker == null) {
            return true;
        }
        if (marker.evaluate(env, "")) {
            return true;
        }
        for (String e : ownerExtras) {
            if (marker.evaluate(env, e)) {
                return true;
            }
        }
        return false;
    }

    /** The normalised form: {@code name[a,b]>=1.0; python_version >= "3.8"}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name.display());
        if (!extras.isEmpty()) {
            b.append(extras.stream().collect(Collectors.joining(",", "[", "]")));
        }
        if (url != null) {
            b.append(" @ ").append(url);
            if (marker != null) {
                b.append(' ');
            }
        } else {
            b.append(specifiers);
        }
        if (marker != null) {
            b.append("; ").append(marker);
        }
        return b.toString();
    }
}
