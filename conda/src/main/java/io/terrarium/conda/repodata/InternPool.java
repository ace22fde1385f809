package io.terrarium.conda.repodata;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares equal strings, string lists and small maps across the records of one repodata load.
 *
 * <p>Repodata repeats itself: hundreds of thousands of records carry the same few thousand dependency strings,
 * licenses, build strings and often identical {@code depends} lists. Keeping one instance of each keeps the heap close
 * to the distinct content instead of the file size. Strings can be looked up straight from the JSON parser's
 * character buffer, so a repeated value costs no allocation at all. Per load (not {@link String#intern}): the pool
 * dies with the load. Not thread-safe; one pool per parse.
 */
final class InternPool {
    private String[] table = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int count;
    private final Map<List<String>, List<String>> lists = new HashMap<>(1 << 12);
    private final Map<Map<String, Object>, Map<String, Object>> maps = new HashMap<>();

    String string(String s) {
        if (s == null) {
            return null;
        }
        int len = s.length();
        int h = len;
        for (int k = 0; k < len; k++) {
            h = (h ^ s.charAt(k)) * 0x01000193;
        }
        h = finish(h);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            String e = table[i];
            if (e == null) {
                return insert(i, h, s);
            }
            if (hashes[i] == h && e.equals(s)) {
                return e;
            }
        }
    }

    /** The pooled string equal to {@code buf[off, off+len)}; allocates only the first time a value is seen. */
    String string(char[] buf, int off, int len) {
        int h = len;
        for (int k = 0; k < len; k++) {
            h = (h ^ buf[off + k]) * 0x01000193;
        }
        h = finish(h);
        int mask = table.length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            String e = table[i];
            if (e == null) {
                return insert(i, h, new String(buf, off, len));
            }
            if (hashes[i] == h && contentEquals(e, buf, off, len)) {
                return e;
            }
        }
    }

    /**
     * FNV-1a over the chars with a final avalanche. Not String.hashCode: its polynomial collides constantly on the
     * near-identical strings repodata is made of ({@code foo >=1.1,<3.0a0} vs {@code foo >=1.2,<2.0a0} ...).
     */
    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    private String insert(int slot, int h, String s) {
        table[slot] = s;
        hashes[slot] = h;
        if (++count * 2 > table.length) {
            grow();
        }
        return s;
    }

    private void grow() {
        String[] oldTable = table;
        int[] oldHashes = hashes;
        table = new String[oldTable.length * 2];
        hashes = new int[oldTable.length * 2];
        int mask = table.length - 1;
        for (int j = 0; j < oldTable.length; j++) {
            if (oldTable[j] == null) {
                continue;
            }
            int i = oldHashes[j] & mask;
            while (table[i] != null) {
                i = (i + 1) & mask;
            }
            table[i] = oldTable[j];
            hashes[i] = oldHashes[j];
        }
    }

    private static boolean contentEquals(String s, char[] buf, int off, int len) {
        if (s.length() != len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (s.charAt(k) != buf[off + k]) {
                return false;
            }
        }
        return true;
    }

    /** An immutable list equal to {@code items}, shared with earlier equal lists; items should be pooled already. */
    List<String> list(List<String> items) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<String> prev = lists.get(items);
        if (prev != null) {
            return prev;
        }
        List<String> copy = List.copyOf(items);
        lists.put(copy, copy);
        return copy;
    }

    /** An immutable map equal to {@code m}, shared with earlier equal maps. */
    Map<String, Object> map(Map<String, Object> m) {
        if (m == null || m.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> prev = maps.get(m);
        if (prev != null) {
            return prev;
        }
        Map<String, Object> copy = Map.copyOf(m);
        maps.put(copy, copy);
        return copy;
    }
}
