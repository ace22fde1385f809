package io.terrarium.conda.types;

import java.util.regex.Pattern;

/**
 * A conda version constraint such as {@code >=1.2,<2|3.*}: a tree of relations joined by {@code ,} (and) and
 * {@code |} (or), evaluated against {@link Version}s.
 *
 * <p>Immutable and thread-safe. Everything is resolved at parse time (versions parsed, globs and regexes compiled),
 * so {@link #matches(Version)} only walks the tree; only {@code ^...$} regex specs allocate (a matcher) per call.
 * {@link #toString()} gives conda's canonical text ({@code 1.7*} prints as {@code 1.7.*}), except that an or-group
 * inside an and-group keeps its parentheses (conda drops them, which changes the meaning when re-parsed).
 */
public abstract class VersionSpec {
    /** Matches every version ({@code *}). */
    public static final VersionSpec ANY = new Any();

    VersionSpec() {}

    /**
     * Parses a version spec (conda's {@code VersionSpec} grammar).
     *
     * @throws MatchSpecParseException saying where (column) and why
     */
    public static VersionSpec parse(String text) {
        return VersionSpecParser.parse(text);
    }

    public abstract boolean matches(Version version);

    /** True for a spec that names one version exactly ({@code ==1.2} or bare {@code 1.2}). */
    public boolean isExact() {
        return false;
    }

    /** The version of an exact spec, else null. */
    public Version exactVersion() {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionSpec s && toString().equals(s.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** {@code *}. */
    static final class Any extends VersionSpec {
        @Override
        public boolean matches(Version version) {
            return true;
        }

        @Override
        public String toString() {
            return "*";
        }
    }

    /** The comparison a {@link Relation} applies. */
    enum Op {
        EQ,
        NE,
        LT,
        LE,
        GT,
        GE,
        STARTS_WITH,
        NOT_STARTS_WITH,
        COMPATIBLE
    }

    /** One operator against one version: {@code >=1.2}, {@code 1.7.*}, {@code ~=1.4.2}, bare {@code 1.2}. */
    static final class Relation extends VersionSpec {
        private final Op op;
        private final Version version;
        /** For {@code ~=}: the version without its last component, which candidates must start with. */
        private final Version prefix;

        private final String text;

        Relation(Op op, Version version, Version prefix, String text) {
            this.op = op;
            this.version = version;
            this.prefix = prefix;
            this.text = text;
        }

        @Override
        public boolean matches(Version v) {
            switch (op) {
                case EQ:
                    return v.compareTo(version) == 0;
                case NE:
                    return v.compareTo(version) != 0;
                case LT:
                    return v.compareTo(version) < 0;
                case LE:
                    return v.compareTo(version) <= 0;
                case GT:
                    return v.compareTo(version) > 0;
                case GE:
                    return v.compareTo(version) >= 0;
                case STARTS_WITH:
                    return v.startsWith(version);
                case NOT_STARTS_WITH:
                    return !v.startsWith(version);
                case COMPATIBLE:
                    return v.compareTo(version) >= 0 && v.startsWith(prefix);
                default:
                    throw new AssertionError(op);
            }
        }

        Op op() {
            return op;
        }

        Version version() {
            return version;
        }

        @Override
        public boolean isExact() {
            return op == Op.EQ;
        }

        @Override
        public Version exactVersion() {
            return op == Op.EQ ? version : null;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A {@code *} inside the version ({@code 1.*.3}): a glob over the version's original text. */
    static final class Glob extends VersionSpec {
        private final GlobMatcher glob;

        Glob(String text) {
            this.glob = new GlobMatcher(text, false);
        }

        @Override
        public boolean matches(Version v) {
            return glob.matches(v.toString());
        }

        @Override
        public String toString() {
            return glob.toString();
        }
    }

    /** {@code ^...$}: a regular expression over the version's original text. */
    static final class Regex extends VersionSpec {
        private final Pattern pattern;

        Regex(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public boolean matches(Version v) {
            return pattern.matcher(v.toString()).find();
        }

        @Override
        public String toString() {
            return pattern.pattern();
        }
    }

    /** A version text that is not a conda version (contains {@code @}): compared as text, as conda does. */
    static final class ExactText extends VersionSpec {
        private final String text;

        ExactText(String text) {
            this.text = text;
        }

        @Override
        public boolean matches(Version v) {
            return text.equals(v.toString());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code a,b,...}: all must match. */
    static final class And extends VersionSpec {
        private final VersionSpec[] terms;

        And(VersionSpec[] terms) {
            this.terms = terms;
        }

        @Override
        public boolean matches(Version v) {
            for (VersionSpec t : terms) {
                if (!t.matches(v)) {
                    return false;
                }
            }
            return true;
        }

        VersionSpec[] terms() {
            return terms.clone();
        }

        /** Members joined by ','; an or-group member needs parentheses, since ',' binds tighter than '|'. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < terms.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                if (terms[i] instanceof Or) {
                    sb.append('(').append(terms[i]).append(')');
                } else {
                    sb.append(terms[i]);
                }
            }
            return sb.toString();
        }
    }

    /** {@code a|b|...}: one must match. */
    static final class Or extends VersionSpec {
        private final VersionSpec[] terms;

        Or(VersionSpec[] terms) {
            this.terms = terms;
        }

        @Override
        public boolean matches(Version v) {
            for (VersionSpec t : terms) {
                if (t.matches(v)) {
                    return true;
                }
            }
            return false;
        }

        VersionSpec[] terms() {
            return terms.clone();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < terms.length; i++) {
                if (i > 0) {
                    sb.append('|');
                }
                sb.append(terms[i]);
            }
            return sb.toString();
        }
    }
}
