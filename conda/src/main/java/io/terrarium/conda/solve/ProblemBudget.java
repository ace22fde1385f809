package io.terrarium.conda.solve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Keeps an explanation to what a person reads in a terminal or a build log: distinct problems, at most
 * {@link #MAX_PROBLEMS} of them, {@link #MAX_LINES} lines and {@link #MAX_CHARS} characters, then "... and N more
 * reasons".
 */
final class ProblemBudget {
    static final int MAX_PROBLEMS = 12;
    static final int MAX_LINES = 30;
    static final int MAX_CHARS = 3000;

    private ProblemBudget() {}

    /** The first problems that fit; the first one always, since an explanation without a reason helps nobody. */
    static List<String> fit(List<String> problems) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(problems));
        List<String> out = new ArrayList<>();
        long lines = 0;
        long chars = 0;
        for (String p : distinct) {
            long pLines = p.lines().count();
            boolean full = out.size() == MAX_PROBLEMS || lines + pLines > MAX_LINES || chars + p.length() > MAX_CHARS;
            if (!out.isEmpty() && full) {
                out.add(moreReasons(distinct.size() - out.size()));
                break;
            }
            out.add(p);
            lines += pLines;
            chars += p.length();
        }
        return out;
    }

    /** "... and N more reasons": the last line of an explanation that leaves some out. */
    static String moreReasons(int more) {
        return "... and " + more + " more reason" + (more == 1 ? "" : "s");
    }
}
