package io.terrarium.conda.pip.requirement;

import io.terrarium.conda.pip.version.InvalidPipVersionException;
import io.terrarium.conda.pip.version.PipVersion;
import io.terrarium.conda.pip.version.Specifier;
import java.util.List;
import java.util.Set;

/**
 * A PEP 508 environment marker ({@code python_version >= "3.8" and extra == "test"}), evaluated as
 * {@code packaging.markers} does: version comparison where both sides are versions, string comparison otherwise,
 * and names compared in normalised form for {@code extra}.
 */
public final class Marker {
    /** The PEP 508 variables, and the legacy dotted spellings packaging still accepts. */
    static final Set<String> VARIABLES = Set.of(
            "python_version",
            "python_full_version",
            "os_name",
            "sys_platform",
            "platform_release",
            "platform_system",
            "platform_version",
            "platform_machine",
            "platform_python_implementation",
            "implementation_name",
            "implementation_version",
            "extra",
            "os.name",
            "sys.platform",
            "platform.version",
            "platform.machine",
            "platform.python_implementation",
            "python_implementation");

    /** A node of the marker's expression tree. */
    sealed interface Node permits And, Or, Compare {}

    record And(List<Node> terms) implements Node {}

    record Or(List<Node> terms) implements Node {}

    /** One comparison; a side is a variable name when its {@code *Variable} flag is set, else a literal. */
    record Compare(String lhs, boolean lhsVariable, String op, String rhs, boolean rhsVariable) implements Node {}

    private final Node root;
    private final String text;

    Marker(Node root, String text) {
        this.root = root;
        this.text = text;
    }

    /** Parses a marker expression; throws {@link InvalidRequirementException} saying where it is malformed. */
    public static Marker parse(String text) {
        return new RequirementParser(text).marker();
    }

    /** Evaluates with no extra requested ({@code extra == ""}), as for a distribution's base requirements. */
    public boolean evaluate(MarkerEnvironment env) {
        return evaluate(env, "");
    }

    /** Evaluates with {@code extra} bound to the given extra name ({@code ""} for none). */
    public boolean evaluate(MarkerEnvironment env, String extra) {
        return eval(root, env, extra);
    }

    /** Whether the marker mentions the {@code extra} variable at all. */
    public boolean mentionsExtra() {
        return mentions(root);
    }

    private static boolean mentions(Node n) {
        if (n instanceof Compare c) {
            return (c.lhsVariable() && c.lhs().equals("extra"))
                    || (c.rhsVariable() && c.rhs().equals("extra"));
        }
        List<Node> terms = n instanceof And a ? a.terms() : ((Or) n).terms();
        return terms.stream().anyMatch(Marker::mentions);
    }

    private static boolean eval(Node n, MarkerEnvironment env, String extra) {
        if (n instanceof And a) {
            for (Node t : a.terms()) {
                if (!eval(t, env, extra)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof Or o) {
            for (Node t : o.terms()) {
                if (eval(t, env, extra)) {
                    return true;
                }
            }
            return false;
        }
        Compare c = (Compare) n;
        String key = c.lhsVariable() ? c.lhs() : c.rhsVariable() ? c.rhs() : null;
        String lhs = c.lhsVariable() ? value(c.lhs(), env, extra) : c.lhs();
        String rhs = c.rhsVariable() ? value(c.rhs(), env, extra) : c.rhs();
        if ("extra".equals(key)) {
            lhs = PackageName.normalize(lhs);
            rhs = PackageName.normalize(rhs);
        }
        return compare(lhs, c.op(), rhs);
    }

    private static String value(String variable, MarkerEnvironment env, String extra) {
        switch (variable) {
            case "extra":
                return extra == null ? "" : extra;
            case "os.name":
                return env.get("os_name");
            case "sys.platform":
                return env.get("sys_platform");
            case "platform.version":
                return env.get("platform_version");
            case "platform.machine":
                return env.get("platform_machine");
            case "platform.python_implementation":
            case "python_implementation":
                return env.get("platform_python_implementation");
            default:
                return env.get(variable);
        }
    }

    /** A version comparison when the right side reads as a specifier, else Python's string operators. */
    static boolean compare(String lhs, String op, String rhs) {
        if (!op.equals("in") && !op.equals("not in")) {
            Specifier spec = null;
            try {
                spec = Specifier.parse(op + rhs);
            } catch (InvalidPipVersionException e) {
                // not a version comparison: fall through to strings
            }
            if (spec != null) {
                PipVersion v = PipVersion.tryParse(lhs);
                return v == null ? spec.containsLegacy(lhs) : spec.contains(v, true);
            }
        }
        switch (op) {
            case "==":
                return lhs.equals(rhs);
            case "!=":
                return !lhs.equals(rhs);
            case "<":
                return lhs.compareTo(rhs) < 0;
            case "<=":
                return lhs.compareTo(rhs) <= 0;
            case ">":
                return lhs.compareTo(rhs) > 0;
            case ">=":
                return lhs.compareTo(rhs) >= 0;
            case "in":
                return rhs.contains(lhs);
            case "not in":
                return !rhs.contains(lhs);
            default:
                throw new InvalidRequirementException("cannot compare '" + lhs + "' " + op + " '" + rhs
                        + "': not versions, and '" + op + "' has no string meaning");
        }
    }

    /** The marker as written (whitespace normalised). */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Marker m && m.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
