package io.terrarium.conda.solve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@link Requirement} chains into explanation lines with each step written once: a later chain that passes
 * through a step already written starts from its number ("[1] -> ..."), and only steps that are referred to get one.
 */
final class ChainText {
    private static final char LABEL = '\u0001';
    private static final char REFERENCE = '\u0002';
    private static final Pattern MARK = Pattern.compile("([\u0001\u0002])([^\u0001\u0002]*)[\u0001\u0002]");

    private final int inlineWidth;
    private final Set<Integer> written = new HashSet<>();
    private final Set<String> referenced = new HashSet<>();

    ChainText(int inlineWidth) {
        this.inlineWidth = inlineWidth;
    }

    /**
     * {@code prefix} followed by {@code chain}: on one line when it fits or has two steps, else each step after the
     * first on a line of its own starting with {@code continuation} and "-> ".
     */
    List<String> append(String prefix, Requirement chain, String continuation) {
        List<Requirement> path = chain.path();
        int start = path.size() - 1;
        while (start > 0 && !written.contains(path.get(start).id)) {
            start--;
        }
        List<String> steps = new ArrayList<>();
        if (start > 0) {
            steps.add(reference("r" + path.get(start).id));
        } else {
            steps.add(path.get(0).step()); // a root is short: written again rather than numbered
        }
        for (Requirement step : path.subList(start + 1, path.size())) {
            written.add(step.id);
            steps.add(step.step() + label("r" + step.id));
        }
        String inline = prefix + String.join(" -> ", steps);
        // a root and one step read best on one line, however long
        if (visibleLength(inline) <= inlineWidth || steps.size() <= 2) {
            return new ArrayList<>(List.of(inline));
        }
        List<String> lines = new ArrayList<>();
        lines.add(prefix + steps.get(0));
        for (String step : steps.subList(1, steps.size())) {
            lines.add(continuation + "-> " + step);
        }
        return lines;
    }

    /** A place a number goes if something refers to {@code key} later. */
    String label(String key) {
        return LABEL + key + LABEL;
    }

    /** A reference to the number of {@code key}, written earlier. */
    String reference(String key) {
        referenced.add(key);
        return REFERENCE + key + REFERENCE;
    }

    /** The lines with numbers for the labels that are referred to, in the order they appear. */
    List<String> resolve(List<String> lines) {
        Map<String, Integer> numbers = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = MARK.matcher(line);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String key = m.group(2);
                boolean isLabel = m.group(1).charAt(0) == LABEL;
                String text = "";
                if (!isLabel || referenced.contains(key)) {
                    int n = numbers.computeIfAbsent(key, k -> numbers.size() + 1);
                    text = isLabel ? " [" + n + "]" : "[" + n + "]";
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(text));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    static int visibleLength(String text) {
        return MARK.matcher(text).replaceAll("").length();
    }
}
