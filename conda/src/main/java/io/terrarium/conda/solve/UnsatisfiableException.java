package io.terrarium.conda.solve;

import java.util.List;

/**
 * No set of records satisfies the request. The message explains why in terms a user can act on; the same facts are
 * available as data for an application to show.
 */
public final class UnsatisfiableException extends SolveException {
    private static final long serialVersionUID = 1L;
    private final List<String> conflictingSpecs;
    private final List<String> problems;

    UnsatisfiableException(String headline, List<String> conflictingSpecs, List<String> problems) {
        super(format(headline, problems));
        this.conflictingSpecs = List.copyOf(conflictingSpecs);
        this.problems = List.copyOf(problems);
    }

    private static String format(String headline, List<String> problems) {
        StringBuilder sb = new StringBuilder(headline);
        for (String p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }

    /** The requested specs (as given) that cannot be installed together; a smallest such set the solver found. */
    public List<String> conflictingSpecs() {
        return conflictingSpecs;
    }

    /**
     * One entry per reason, each with the dependency chains it comes from: virtual packages the target system does not
     * meet (with the value to declare), missing packages, sets of constraints on one package that no candidate meets
     * together, and required packages that every candidate of is ruled out. The last kind may span lines: the first
     * names the package, the indented ones below give why each group of its builds is out, a chain written once and
     * referred to later as {@code [n]}. At most about 30 lines in all; a last entry "... and N more reasons" says
     * what was left out.
     */
    public List<String> problems() {
        return problems;
    }
}
