package io.terrarium.conda.solve;

import io.terrarium.conda.types.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Summarises many alternative version ranges on one package (twelve {@code x >=A.B.0,<A+1} specs, as conda-forge's
 * pinned dependencies give) as the union they accept together, e.g. "12 ranges, together >=1.3.0,<2 or >=2.1.0,<4".
 */
final class SpecUnion {
    private static final Pattern SPEC = Pattern.compile(
            "\\s*(\\S+?)\\s*((?:[<>]=?|==)\\s*[^\\s,|<>=]+" + "(?:\\s*,\\s*(?:[<>]=?|==)\\s*[^\\s,|<>=]+)*)\\s*");
    private static final Pattern RELATION = Pattern.compile("([<>]=?|==)\\s*([^\\s,|<>=]+)");

    /** One interval of versions; a {@code null} bound is unbounded. */
    private record Interval(Version low, boolean lowInclusive, Version high, boolean highInclusive) {
        boolean isEmpty() {
            if (low == null || high == null) {
                return false;
            }
            int c = low.compareTo(high);
            return c > 0 || (c == 0 && !(lowInclusive && highInclusive));
        }

        String text() {
            if (low != null && high != null && low.compareTo(high) == 0) {
                return "==" + low;
            }
            List<String> parts = new ArrayList<>();
            if (low != null) {
                parts.add((lowInclusive ? ">=" : ">") + low);
            }
            if (high != null) {
                parts.add((highInclusive ? "<=" : "<") + high);
            }
            return parts.isEmpty() ? "*" : String.join(",", parts);
        }
    }

    private SpecUnion() {}

    /**
     * "12 ranges, together >=1.0.0,<4" for specs on {@code name} that are all version ranges, {@code null} when
     * one of them is something else (a build string, a glob, {@code !=}) and the union would not be exact.
     */
    static String describe(String name, List<String> specs) {
        if (specs == null || specs.isEmpty()) {
            return null;
        }
        List<Interval> intervals = new ArrayList<>();
        for (String spec : specs) {
            Interval interval = parse(name, spec);
            if (interval == null) {
                return null;
            }
            // a range nothing can meet adds nothing to the union, and merging it could widen its neighbours
            if (!interval.isEmpty()) {
                intervals.add(interval);
            }
        }
        if (intervals.isEmpty()) {
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (Interval i : union(intervals)) {
            texts.add(i.text());
        }
        return specs.size() + " ranges, together " + String.join(" or ", texts);
    }

    private static Interval parse(String name, String spec) {
        Matcher m = SPEC.matcher(spec);
        if (!m.matches() || !m.group(1).equals(name)) {
            return null;
        }
        Version low = null;
        Version high = null;
        boolean lowInclusive = false;
        boolean highInclusive = false;
        Matcher r = RELATION.matcher(m.group(2));
        try {
            while (r.find()) {
                String op = r.group(1);
                Version v = Version.parse(r.group(2));
                if (op.equals("==") || op.startsWith(">")) {
                    // the tighter lower bound wins when a spec has two
                    boolean inclusive = !op.equals(">");
                    if (low == null || v.compareTo(low) > 0 || (v.compareTo(low) == 0 && !inclusive)) {
                        low = v;
                        lowInclusive = inclusive;
                    }
                }
                if (op.equals("==") || op.startsWith("<")) {
                    boolean inclusive = !op.equals("<");
                    if (high == null || v.compareTo(high) < 0 || (v.compareTo(high) == 0 && !inclusive)) {
                        high = v;
                        highInclusive = inclusive;
                    }
                }
            }
        } catch (RuntimeException e) {
            return null; // not a version this class can compare: no summary rather than a wrong one
        }
        return new Interval(low, lowInclusive, high, highInclusive);
    }

    /** The union as disjoint intervals, lowest first: sorted by lower bound, touching or overlapping ones merged. */
    private static List<Interval> union(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(SpecUnion::compareLow);
        List<Interval> out = new ArrayList<>();
        for (Interval next : sorted) {
            if (!out.isEmpty() && reaches(out.get(out.size() - 1), next)) {
                Interval last = out.remove(out.size() - 1);
                out.add(
                        compareHigh(last, next) >= 0
                                ? last
                                : new Interval(last.low(), last.lowInclusive(), next.high(), next.highInclusive()));
            } else {
                out.add(next);
            }
        }
        return out;
    }

    private static int compareLow(Interval a, Interval b) {
        if (a.low() == null || b.low() == null) {
            return a.low() == null ? (b.low() == null ? 0 : -1) : 1;
        }
        int c = a.low().compareTo(b.low());
        if (c != 0) {
            return c;
        }
        return a.lowInclusive() == b.lowInclusive() ? 0 : a.lowInclusive() ? -1 : 1;
    }

    private static int compareHigh(Interval a, Interval b) {
        if (a.high() == null || b.high() == null) {
            return a.high() == null ? (b.high() == null ? 0 : 1) : -1;
        }
        int c = a.high().compareTo(b.high());
        if (c != 0) {
            return c;
        }
        return a.highInclusive() == b.highInclusive() ? 0 : a.highInclusive() ? 1 : -1;
    }

    /** Whether {@code next} (not lower than {@code last}) starts inside {@code last} or right where it ends. */
    private static boolean reaches(Interval last, Interval next) {
        if (last.high() == null || next.low() == null) {
            return true;
        }
        int c = next.low().compareTo(last.high());
        return c < 0 || (c == 0 && (last.highInclusive() || next.lowInclusive()));
    }
}
