package io.terrarium.application.security;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One conda-store ARN pattern, {@code namespace/name} with {@code *} wildcards in either part, and the three ways
 * conda-store compares it: against a resource ARN, against another pattern, and as SQL {@code LIKE} patterns.
 */
public final class ArnPattern {

    /** The characters conda-store allows in each part, wildcard included. */
    private static final String PART_CHARS = "A-Za-z0-9\\-+_@$&?^~.=*";

    private static final Pattern GRAMMAR = Pattern.compile("^([" + PART_CHARS + "]+)/([" + PART_CHARS + "]+)$");

    private final String namespace;
    private final String name;
    private final Pattern resourceMatcher;
    private final Pattern patternMatcher;

    private ArnPattern(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
        String anyPart = "[A-Za-z0-9\\-+_@$&?^~.=]*";
        // a namespace binding also covers the bare namespace ARN, and */* the global ARN "", as in conda-store
        this.resourceMatcher =
                Pattern.compile("^" + wildcards(namespace, anyPart) + "(?:/" + wildcards(name, anyPart) + ")?$");
        String anyPartOrWildcard = "[A-Za-z0-9\\-+_@$&?^~.=*]*";
        this.patternMatcher =
                Pattern.compile(wildcards(namespace, anyPartOrWildcard) + "/" + wildcards(name, anyPartOrWildcard));
    }

    /**
     * @throws IllegalArgumentException with a message for the caller when {@code text} is not {@code ns/name}
     */
    public static ArnPattern parse(String text) {
        var m = text == null ? null : GRAMMAR.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("invalid ARN '" + text + "': expected <namespace>/<name>, where each"
                    + " part holds letters, digits, -+_@$&?^~.= and * as a wildcard");
        }
        return new ArnPattern(m.group(1), m.group(2));
    }

    public static boolean isValid(String text) {
        return text != null && GRAMMAR.matcher(text).matches();
    }

    /** True when this pattern grants on the resource ARN ({@code ""}, {@code ns} or {@code ns/env}). */
    public boolean matches(String arn) {
        return resourceMatcher.matcher(arn).matches();
    }

    /** conda-store's {@code is_arn_subset}: true when every ARN that {@code other} names, this one names too. */
    public boolean covers(ArnPattern other) {
        return patternMatcher.matcher(other.toString()).matches();
    }

    /** The namespace part as a SQL {@code LIKE} pattern, escaped with {@code \}. */
    public String namespaceLike() {
        return like(namespace);
    }

    /** The name part as a SQL {@code LIKE} pattern, escaped with {@code \}. */
    public String nameLike() {
        return like(name);
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    private static String wildcards(String part, String any) {
        String[] literals = part.split("\\*", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(literals[0]));
        for (int i = 1; i < literals.length; i++) {
            regex.append(any).append(Pattern.quote(literals[i]));
        }
        return regex.toString();
    }

    // conda-store does not escape, so a binding on "a_b/*" also shows "axb": escaping keeps LIKE as exact as matches()
    private static String like(String part) {
        return part.replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_")
                .replace('*', '%');
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArnPattern other && namespace.equals(other.namespace) && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(namespace, name);
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
