package io.terrarium.conda.pip.version;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PEP 440 version clause ({@code ~=}, {@code ==}, {@code !=}, {@code <=}, {@code >=}, {@code <}, {@code >},
 * {@code ===}), matching as {@code packaging.specifiers.Specifier} does, including prefix matches ({@code ==1.2.*})
 * and the rules that keep {@code <1.0} from matching {@code 1.0rc1} and {@code >1.0} from matching {@code 1.0.post1}.
 */
public final class Specifier {
    private static final Pattern CLAUSE = Pattern.compile("^\\s*(~=|===|==|!=|<=|>=|<|>)\\s*(\\S+?)\\s*$");

    private final String operator;
    private final String versionText;
    private final PipVersion version; // null for ===, and the release prefix for wildcards
    private final boolean wildcard;

    private Specifier(String operator, String versionText, PipVersion version, boolean wildcard) {
        this.operator = operator;
        this.versionText = versionText;
        this.version = version;
        this.wildcard = wildcard;
    }

    /** Parses one clause such as {@code >= 1.0}; throws {@link InvalidPipVersionException} with the text. */
    public static Specifier parse(String text) {
        Matcher m = CLAUSE.matcher(text);
        if (!m.matches()) {
            throw new InvalidPipVersionException("invalid version specifier: '" + text.strip() + "'");
        }
        String op = m.group(1);
        String v = m.group(2);
        if (op.equals("===")) {
            return new Specifier(op, v, PipVersion.tryParse(v), false);
        }
        boolean wildcard = v.endsWith(".*");
        if (wildcard && !(op.equals("==") || op.equals("!="))) {
            throw new InvalidPipVersionException("'" + op + "' takes no wildcard: '" + text.strip() + "'");
        }
        PipVersion parsed = PipVersion.tryParse(wildcard ? v.substring(0, v.length() - 2) : v);
        if (parsed == null) {
            throw new InvalidPipVersionException("invalid version in specifier '" + text.strip() + "'");
        }
        if (wildcard
                && (parsed.preLabel() != null
                        || parsed.isPostRelease()
                        || parsed.isDevRelease()
                        || parsed.hasLocal())) {
            throw new InvalidPipVersionException("a prefix match takes a release only: '" + text.strip() + "'");
        }
        if (parsed.hasLocal() && !(op.equals("==") || op.equals("!="))) {
            throw new InvalidPipVersionException("'" + op + "' takes no local version: '" + text.strip() + "'");
        }
        if (op.equals("~=") && parsed.release().length < 2) {
            throw new InvalidPipVersionException("'~=' needs at least two release segments: '" + text.strip() + "'");
        }
        return new Specifier(op, v, parsed, wildcard);
    }

    public String operator() {
        return operator;
    }

    /** The version as written after the operator ({@code 1.2.*} for a prefix match). */
    public String versionText() {
        return versionText;
    }

    /** Whether this clause by itself admits pre-releases (it names one, and is not an exclusion). */
    public boolean impliesPreReleases() {
        return version != null && !operator.equals("!=") && version.isPreRelease();
    }

    /** Whether {@code v} satisfies this clause, with pre-releases admitted when {@code preReleases} is true. */
    public boolean contains(PipVersion v, boolean preReleases) {
        if (!preReleases && v.isPreRelease()) {
            return false;
        }
        return matches(v);
    }

    /** Whether a version that is not PEP 440 text satisfies this clause (only {@code ===} can match it). */
    public boolean containsLegacy(String text) {
        return operator.equals("===") && text.strip().equalsIgnoreCase(versionText);
    }

    /** The clause's comparison alone, ignoring the pre-release policy. */
    public boolean matches(PipVersion v) {
        switch (operator) {
            case "===":
                return v.toString().equalsIgnoreCase(versionText);
            case "==":
                return equal(v);
            case "!=":
                return !equal(v);
            case "~=":
                return v.publicVersion().compareTo(version) >= 0
                        && prefixMatch(
                                v, Arrays.copyOf(version.release(), version.release().length - 1), version.epoch());
            case "<=":
                return v.publicVersion().compareTo(version) <= 0;
            case ">=":
                return v.publicVersion().compareTo(version) >= 0;
            case "<":
                // <V admits no pre-release of V itself (nothing from V.dev0 up) unless V is a pre-release
                return v.compareTo(version) < 0
                        && (version.isPreRelease() || !v.isPreRelease() || v.compareTo(version.withDev(0)) < 0);
            case ">":
                // >V admits neither a post-release nor a local version of V itself
                if (v.compareTo(version) <= 0) {
                    return false;
                }
                if (!version.isPostRelease()
                        && v.isPostRelease()
                        && v.withoutPostDevLocal().equals(version)) {
                    return false;
                }
                return !(v.hasLocal() && v.publicVersion().equals(version));
            default:
                throw new IllegalStateException(operator);
        }
    }

    private boolean equal(PipVersion v) {
        if (wildcard) {
            return prefixMatch(v, version.release(), version.epoch());
        }
        return (version.hasLocal() ? v : v.publicVersion()).compareTo(version) == 0;
    }

    /** {@code ==1.2.*}: same epoch, and the release padded with zeros starts with the prefix. */
    private static boolean prefixMatch(PipVersion v, long[] prefix, long epoch) {
        if (v.epoch() != epoch) {
            return false;
        }
        long[] r = v.release();
        for (int i = 0; i < prefix.length; i++) {
            long x = i < r.length ? r[i] : 0;
            if (x != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return operator + versionText;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Specifier s
                && s.operator.equals(operator)
                && s.versionText.toLowerCase(Locale.ROOT).equals(versionText.toLowerCase(Locale.ROOT));
    }

    @Override
    public int hashCode() {
        return operator.hashCode() * 31 + versionText.toLowerCase(Locale.ROOT).hashCode();
    }
}
