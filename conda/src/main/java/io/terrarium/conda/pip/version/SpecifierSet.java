package io.terrarium.conda.pip.version;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A comma-separated conjunction of {@link Specifier}s ({@code >=1.0,!=1.3.*,<2}), with {@code packaging}'s
 * pre-release policy: pre-releases match only when asked for, or when a clause names one.
 */
public final class SpecifierSet {
    private static final SpecifierSet ANY = new SpecifierSet(List.of());

    private final List<Specifier> specifiers;

    private SpecifierSet(List<Specifier> specifiers) {
        this.specifiers = List.copyOf(specifiers);
    }

    /** The set that every version satisfies. */
    public static SpecifierSet any() {
        return ANY;
    }

    /** Parses {@code ">=1.0, <2"}; blank text gives {@link #any()}. */
    public static SpecifierSet parse(String text) {
        List<Specifier> list = new ArrayList<>();
        if (text != null && !text.isBlank()) {
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    throw new InvalidPipVersionException("empty clause in version specifier '" + text.strip() + "'");
                }
                list.add(Specifier.parse(part));
            }
        }
        return list.isEmpty() ? ANY : new SpecifierSet(list);
    }

    public static SpecifierSet of(List<Specifier> specifiers) {
        return specifiers.isEmpty() ? ANY : new SpecifierSet(specifiers);
    }

    public List<Specifier> specifiers() {
        return specifiers;
    }

    public boolean isEmpty() {
        return specifiers.isEmpty();
    }

    /** The conjunction of this set and another. */
    public SpecifierSet and(SpecifierSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<Specifier> both = new ArrayList<>(specifiers);
        for (Specifier s : other.specifiers) {
            if (!both.contains(s)) {
                both.add(s);
            }
        }
        return new SpecifierSet(both);
    }

    /** Whether some clause names a pre-release, which admits pre-releases for the whole set. */
    public boolean impliesPreReleases() {
        return specifiers.stream().anyMatch(Specifier::impliesPreReleases);
    }

    /** Whether {@code v} satisfies every clause under the set's own pre-release policy. */
    public boolean contains(PipVersion v) {
        return contains(v, impliesPreReleases());
    }

    /** Whether {@code v} satisfies every clause; pre-releases match only when {@code preReleases}. */
    public boolean contains(PipVersion v, boolean preReleases) {
        if (!preReleases && v.isPreRelease()) {
            return false;
        }
        for (Specifier s : specifiers) {
            if (!s.matches(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The versions that satisfy the set, in the given order, as {@code packaging}'s {@code filter} chooses them:
     * pre-releases only when the set implies them, or when nothing but pre-releases satisfies it.
     */
    public List<PipVersion> filter(List<PipVersion> versions) {
        boolean pre = impliesPreReleases();
        List<PipVersion> finals = new ArrayList<>();
        List<PipVersion> pres = new ArrayList<>();
        for (PipVersion v : versions) {
            if (contains(v, true)) {
                (v.isPreRelease() && !pre ? pres : finals).add(v);
            }
        }
        return finals.isEmpty() ? pres : finals;
    }

    /** The clauses joined by commas, in the order written ({@code ""} for any version). */
    @Override
    public String toString() {
        return specifiers.stream().map(Specifier::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecifierSet s && s.specifiers.equals(specifiers);
    }

    @Override
    public int hashCode() {
        return specifiers.hashCode();
    }
}
