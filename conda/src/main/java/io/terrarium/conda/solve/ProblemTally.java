package io.terrarium.conda.solve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Problem lines keyed by what they are about, shown once with how many other chains lead to the same problem. */
final class ProblemTally {
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    /** Records a chain to the problem {@code key}; the first line given for a key is the one shown. */
    void add(String key, String line) {
        lines.putIfAbsent(key, line);
        counts.merge(key, 1, Integer::sum);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : lines.entrySet()) {
            int others = counts.get(e.getKey()) - 1;
            String similar = others == 0 ? "" : " (and " + others + " similar chain" + (others == 1 ? "" : "s") + ")";
            out.add(e.getValue() + similar);
        }
        return out;
    }
}
