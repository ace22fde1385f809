package io.terrarium.conda.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Version} against conda's own parse of ~28.5k real versions ({@code rattler/test-data/parsed_versions.txt},
 * lines {@code version=[[0], [1], [2, 'a', 1]]}): same components for every line, and an ordering that agrees with
 * an independent implementation of conda's comparison over those printed components.
 */
class ParsedVersionsTest {
    private static final List<String> TEXTS = new ArrayList<>();
    private static final List<String> EXPECTED = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        String dir = System.getProperty("terrarium.testdata");
        Path file = Path.of(dir, "rattler", "test-data", "parsed_versions.txt");
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf("=[");
            TEXTS.add(line.substring(0, eq));
            EXPECTED.add(line.substring(eq + 1));
        }
        assertTrue(TEXTS.size() > 28_000, "expected ~28.5k versions, found " + TEXTS.size());
    }

    @Test
    void everyVersionParsesToCondasComponents() {
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            String got = Version.parse(TEXTS.get(i)).componentsString();
            if (!got.equals(EXPECTED.get(i))) {
                mismatches.add(TEXTS.get(i) + ": conda " + EXPECTED.get(i) + ", ours " + got);
            }
        }
        assertEquals(
                List.of(), mismatches.subList(0, Math.min(20, mismatches.size())), mismatches.size() + " mismatches");
    }

    @Test
    void orderingAgreesWithCondasRuleOverThePrintedComponents() {
        List<Version> versions = new ArrayList<>();
        List<List<List<Object>>> reference = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            versions.add(Version.parse(TEXTS.get(i)));
            reference.add(components(EXPECTED.get(i)));
        }
        // sorted by our comparator, neighbours must be in order by the reference rule
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> versions.get(a).compareTo(versions.get(b)));
        for (int k = 0; k + 1 < order.size(); k++) {
            int a = order.get(k), b = order.get(k + 1);
            assertTrue(
                    referenceCompare(reference.get(a), reference.get(b)) <= 0,
                    TEXTS.get(a) + " sorted before " + TEXTS.get(b));
        }
        // random pairs: same sign as the reference whenever the main versions differ; antisymmetric always
        Random random = new Random(2024);
        for (int n = 0; n < 300_000; n++) {
            int a = random.nextInt(versions.size()), b = random.nextInt(versions.size());
            int ours = Integer.signum(versions.get(a).compareTo(versions.get(b)));
            int ref = Integer.signum(referenceCompare(reference.get(a), reference.get(b)));
            if (ref != 0) {
                assertEquals(ref, ours, TEXTS.get(a) + " vs " + TEXTS.get(b));
            }
            assertEquals(-ours, Integer.signum(versions.get(b).compareTo(versions.get(a))));
            if (ours == 0) {
                assertEquals(versions.get(a).hashCode(), versions.get(b).hashCode());
            }
        }
    }

    /** conda's {@code VersionOrder.__lt__} over parsed component lists (Long, Double infinity or String). */
    private static int referenceCompare(List<List<Object>> x, List<List<Object>> y) {
        int n = Math.max(x.size(), y.size());
        for (int k = 0; k < n; k++) {
            List<Object> a = k < x.size() ? x.get(k) : List.of();
            List<Object> b = k < y.size() ? y.get(k) : List.of();
            int m = Math.max(a.size(), b.size());
            for (int j = 0; j < m; j++) {
                Object c1 = j < a.size() ? a.get(j) : 0L;
                Object c2 = j < b.size() ? b.get(j) : 0L;
                if (c1.equals(c2)) {
                    continue;
                }
                if (c1 instanceof String s1) {
                    return c2 instanceof String s2 ? s1.compareTo(s2) : -1;
                }
                if (c2 instanceof String) {
                    return 1;
                }
                return Double.compare(((Number) c1).doubleValue(), ((Number) c2).doubleValue());
            }
        }
        return 0;
    }

    /** Parses {@code [[0], [1, 'a', inf]]}. */
    private static List<List<Object>> components(String printed) {
        List<List<Object>> out = new ArrayList<>();
        String inner = printed.substring(1, printed.length() - 1);
        for (String comp : inner.split("\\], ?")) {
            List<Object> parts = new ArrayList<>();
            for (String p : comp.replace("[", "").replace("]", "").split(", ")) {
                if (p.startsWith("'")) {
                    parts.add(p.substring(1, p.length() - 1));
                } else if (p.equals("inf")) {
                    parts.add(Double.POSITIVE_INFINITY);
                } else {
                    parts.add(Long.parseLong(p));
                }
            }
            out.add(parts);
        }
        return out;
    }
}
