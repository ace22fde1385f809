package io.terrarium.conda.repodata;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares equal strings, string lists and small maps across the records of one repodata load.
 *
 * <p>Repodata repeats itself: hundreds of thousands of records carry the same few thousand dependency strings,
 * licenses, build strings and often identical {@code depends} lists. Keeping one instance of each keeps the heap close
 * to the distinct content instead of the file size. A plain {@link HashMap} per load (not {@link String#intern}):
 * the pool dies with the load. Not thread-safe; one pool per parse.
 */
final class InternPool {
    private final Map<String, String> strings = new HashMap<>(1 << 14);
    private final Map<List<String>, List<String>> lists = new HashMap<>(1 << 14);
    private final Map<Map<String, Object>, Map<String, Object>> maps = new HashMap<>();

    String string(String s) {
        if (s == null) return null;
        String prev = strings.putIfAbsent(s, s);
        return prev == null ? s : prev;
    }

    /** An immutable list equal to {@code items}, shared with earlier equal lists; items should be pooled already. */
    List<String> list(List<String> items) {
        if (items.isEmpty()) return List.of();
        List<String> prev = lists.get(items);
        if (prev != null) return prev;
        List<String> copy = List.copyOf(items);
        lists.put(copy, copy);
        return copy;
    }

    /** An immutable map equal to {@code m}, shared with earlier equal maps. */
    Map<String, Object> map(Map<String, Object> m) {
        if (m == null || m.isEmpty()) return Map.of();
        Map<String, Object> prev = maps.get(m);
        if (prev != null) return prev;
        Map<String, Object> copy = Map.copyOf(m);
        maps.put(copy, copy);
        return copy;
    }

    /** A fresh scratch list for collecting items before {@link #list}. */
    static List<String> scratch() {
        return new ArrayList<>(8);
    }
}
