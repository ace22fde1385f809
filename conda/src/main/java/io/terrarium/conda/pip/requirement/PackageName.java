package io.terrarium.conda.pip.requirement;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A distribution name as written and in its PEP 503 normalised form (lower case, runs of {@code -_.} as one
 * {@code -}), which is what names are compared, indexed and looked up by.
 *
 * @param normalized the PEP 503 form, {@code zope-interface} for {@code Zope.Interface}
 * @param display    the name as first written
 */
public record PackageName(String normalized, String display) implements Comparable<PackageName> {
    private static final Pattern VALID =
            Pattern.compile("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SEPARATORS = Pattern.compile("[-_.]+");

    /** Parses and normalises a name; throws {@link InvalidRequirementException} when it is not a valid name. */
    public static PackageName of(String name) {
        String s = name == null ? "" : name.strip();
        if (!VALID.matcher(s).matches()) {
            throw new InvalidRequirementException("invalid package name: '" + name + "'");
        }
        return new PackageName(normalize(s), s);
    }

    /** PEP 503 normalisation of any string. */
    public static String normalize(String name) {
        return SEPARATORS.matcher(name).replaceAll("-").toLowerCase(Locale.ROOT);
    }

    /** The wheel file name form (PEP 427: {@code -} as {@code _}), {@code zope_interface}. */
    public String wheelForm() {
        return normalized.replace('-', '_');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackageName n && n.normalized.equals(normalized);
    }

    @Override
    public int hashCode() {
        return normalized.hashCode();
    }

    @Override
    public int compareTo(PackageName o) {
        return normalized.compareTo(o.normalized);
    }

    @Override
    public String toString() {
        return normalized;
    }
}
