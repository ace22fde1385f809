package io.terrarium.conda.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** conda's VersionOrder: the cases of conda's {@code tests/models/test_version.py} and the docstring ordering. */
class VersionTest {

    private static Version v(String s) {
        return Version.parse(s);
    }

    /** conda's test_version_order: each version with its parsed components, listed in ascending order. */
    private static final String[][] CONDA_ORDER = {
        {"0.4", "[[0], [0], [4]]"},
        {"0.4.0", "[[0], [0], [4], [0]]"},
        {"0.4.1a.vc11", "[[0], [0], [4], [1, 'a'], [0, 'vc', 11]]"},
        {"0.4.1.rc", "[[0], [0], [4], [1], [0, 'rc']]"},
        {"0.4.1.vc11", "[[0], [0], [4], [1], [0, 'vc', 11]]"},
        {"0.4.1", "[[0], [0], [4], [1]]"},
        {"0.5*", "[[0], [0], [5, '*']]"},
        {"0.5a1", "[[0], [0], [5, 'a', 1]]"},
        {"0.5b3", "[[0], [0], [5, 'b', 3]]"},
        {"0.5C1", "[[0], [0], [5, 'c', 1]]"},
        {"0.5z", "[[0], [0], [5, 'z']]"},
        {"0.5za", "[[0], [0], [5, 'za']]"},
        {"0.5", "[[0], [0], [5]]"},
        {"0.5_5", "[[0], [0], [5], [5]]"},
        {"0.5-5", "[[0], [0], [5], [5]]"},
        {"0.9.6", "[[0], [0], [9], [6]]"},
        {"0.960923", "[[0], [0], [960923]]"},
        {"1.0", "[[0], [1], [0]]"},
        {"1.0.4a3", "[[0], [1], [0], [4, 'a', 3]]"},
        {"1.0.4b1", "[[0], [1], [0], [4, 'b', 1]]"},
        {"1.0.4", "[[0], [1], [0], [4]]"},
        {"1.1dev1", "[[0], [1], [1, 'DEV', 1]]"},
        {"1.1_", "[[0], [1], [1, '_']]"},
        {"1.1a1", "[[0], [1], [1, 'a', 1]]"},
        {"1.1.dev1", "[[0], [1], [1], [0, 'DEV', 1]]"},
        {"1.1.a1", "[[0], [1], [1], [0, 'a', 1]]"},
        {"1.1", "[[0], [1], [1]]"},
        {"1.1.post1", "[[0], [1], [1], [0, inf, 1]]"},
        {"1.1.1dev1", "[[0], [1], [1], [1, 'DEV', 1]]"},
        {"1.1.1rc1", "[[0], [1], [1], [1, 'rc', 1]]"},
        {"1.1.1", "[[0], [1], [1], [1]]"},
        {"1.1.1post1", "[[0], [1], [1], [1, inf, 1]]"},
        {"1.1post1", "[[0], [1], [1, inf, 1]]"},
        {"2g6", "[[0], [2, 'g', 6]]"},
        {"2.0b1pr0", "[[0], [2], [0, 'b', 1, 'pr', 0]]"},
        {"2.2be.ta29", "[[0], [2], [2, 'be'], [0, 'ta', 29]]"},
        {"2.2be5ta29", "[[0], [2], [2, 'be', 5, 'ta', 29]]"},
        {"2.2beta29", "[[0], [2], [2, 'beta', 29]]"},
        {"2.2.0.1", "[[0], [2], [2], [0], [1]]"},
        {"3.1.1.6", "[[0], [3], [1], [1], [6]]"},
        {"3.2.p.r0", "[[0], [3], [2], [0, 'p'], [0, 'r', 0]]"},
        {"3.2.pr0", "[[0], [3], [2], [0, 'pr', 0]]"},
        {"3.2.pr.1", "[[0], [3], [2], [0, 'pr'], [1]]"},
        {"5.5.kw", "[[0], [5], [5], [0, 'kw']]"},
        {"11g", "[[0], [11, 'g']]"},
        {"14.3.1", "[[0], [14], [3], [1]]"},
        {"14.3.1.post26.g9d75ca2", "[[0], [14], [3], [1], [0, inf, 26], [0, 'g', 9, 'd', 75, 'ca', 2]]"},
        {"1996.07.12", "[[0], [1996], [7], [12]]"},
        {"1!0.4.1", "[[1], [0], [4], [1]]"},
        {"1!3.1.1.6", "[[1], [3], [1], [1], [6]]"},
        {"2!0.4.1", "[[2], [0], [4], [1]]"},
    };

    @Test
    void parsesCondasExamplesIntoTheSameComponents() {
        for (String[] c : CONDA_ORDER) {
            Version version = v(c[0]);
            assertEquals(c[1], version.componentsString(), c[0]);
            assertEquals(c[0].toLowerCase().replace('-', '_'), version.normalized(), c[0]);
            assertEquals(c[0], version.toString(), "original text is kept");
        }
    }

    @Test
    void sortsCondasExamplesInTheirListedOrder() {
        List<Version> expected = new ArrayList<>();
        for (String[] c : CONDA_ORDER) {
            expected.add(v(c[0]));
        }
        List<Version> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);
        // equal versions (0.4 == 0.4.0, 0.5_5 == 0.5-5) may swap places; compare by order, then by equality classes
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(0, expected.get(i).compareTo(shuffled.get(i)), "position " + i + ": " + shuffled.get(i));
        }
        for (int i = 0; i + 1 < expected.size(); i++) {
            assertTrue(
                    expected.get(i).compareTo(expected.get(i + 1)) <= 0,
                    expected.get(i) + " <= " + expected.get(i + 1));
        }
    }

    @Test
    void docstringOrderingHolds() {
        // conda's VersionOrder docstring; '<' pairs strictly increase, '==' pairs are equal
        String chain = "0.4 == 0.4.0 < 0.4.1.rc == 0.4.1.RC < 0.4.1 < 0.5a1 < 0.5b3 < 0.5C1 < 0.5 < 0.9.6 < 0.960923"
                + " < 1.0 < 1.1dev1 < 1.1_ < 1.1a1 < 1.1.0dev1 == 1.1.dev1 < 1.1.a1 < 1.1.0rc1 < 1.1.0 == 1.1"
                + " < 1.1.0post1 == 1.1.post1 < 1.1post1 < 1996.07.12 < 1!0.4.1 < 1!3.1.1.6 < 2!0.4.1";
        assertChain(chain);
    }

    @Test
    void notesOrderingHolds() {
        assertChain("1.0.1dev < 1.0.1a < 1.0.1c < 1.0.1rc1 < 1.0.1.dev1 < 1.0.1+local < 1.0.1 < 1.0.1.post1"
                + " < 1.0.1_1 == 1.0.1-1 < 1.0.1post < 1.1dev1 < 1.1_ < 1.1a1 < 1.1b1 < 1.1rc1 < 1.1.0a < 1.1"
                + " < 1.1.post1 < 1!0.1");
        assertChain("1.1rc < 1.1.0rc == 1.1.rc");
        assertChain("1.0.1_ < 1.0.1a");
        assertChain("1.1 == 1.1.0 == 1.1.0.0");
        assertChain("1.0+local < 1.0 == 1.0+0 < 1.0+1.local");
    }

    private static void assertChain(String chain) {
        String[] t = chain.split(" ");
        for (int i = 0; i + 2 < t.length; i += 2) {
            Version a = v(t[i]), b = v(t[i + 2]);
            if (t[i + 1].equals("<")) {
                assertTrue(a.compareTo(b) < 0, a + " < " + b);
                assertTrue(b.compareTo(a) > 0, b + " > " + a);
                assertNotEquals(a, b);
            } else {
                assertEquals(0, a.compareTo(b), a + " == " + b);
                assertEquals(a, b);
                assertEquals(a.hashCode(), b.hashCode(), "hashCode of " + a + " and " + b);
            }
        }
    }

    @Test
    void equalityIgnoresCaseSpacesAndTrailingZeros() {
        assertEquals(v("0.4.1.rc"), v("  0.4.1.RC  "));
        assertEquals(v("  0.4.rc  "), v("0.4.RC"));
        assertEquals(v("0.4"), v("0.4.0"));
        assertNotEquals(v("0.4"), v("0.4.1"));
        assertEquals(v("0.4.a1"), v("0.4.0a1"));
        assertNotEquals(v("0.4.a1"), v("0.4.1a1"));
        assertEquals(v("1.0").hashCode(), v("1.0.0.0").hashCode());
        assertEquals(v("0!1.0"), v("1.0"));
        assertEquals("  0.4.1.RC  ".strip(), v("  0.4.1.RC  ").toString());
    }

    @Test
    void equalVersionsHashAlike() {
        String[][] pairs = {
            {"1.0", "1.0.0"},
            {"1.0.0a0", "1.0.0a"},
            {"0!2", "2.0"},
            {"1.0+0", "1.0"},
            {"1.0+1.0", "1.0+1"},
            {"1_2", "1.2"},
            {"1-2", "1.2"},
            {"1.0.0post", "1.0.post"}
        };
        for (String[] p : pairs) {
            assertEquals(v(p[0]), v(p[1]), p[0] + " == " + p[1]);
            assertEquals(v(p[0]).hashCode(), v(p[1]).hashCode(), p[0] + " hash");
        }
    }

    @Test
    void startsWithFollowsConda() {
        assertTrue(v("0.4.1").startsWith(v("0")));
        assertTrue(v("0.4.1").startsWith(v("0.4")));
        assertTrue(v("0.4.1p1").startsWith(v("0.4")));
        assertTrue(v("0.4.1p1").startsWith(v("0.4.1p")));
        assertFalse(v("0.4.1p1").startsWith(v("0.4.1q1")));
        assertFalse(v("0.4").startsWith(v("0.4.1")));
        assertTrue(v("0.4.1+1.3").startsWith(v("0.4.1")));
        assertTrue(v("0.4.1+1.3").startsWith(v("0.4.1+1")));
        assertFalse(v("0.4.1").startsWith(v("0.4.1+1.3")));
        assertFalse(v("0.4.1+1").startsWith(v("0.4.1+1.3")));
        // the rule the solver tests depend on
        assertTrue(v("1.0.1c").startsWith(v("1.0.1")));
        assertTrue(v("1.0.1.1").startsWith(v("1.0.1")));
        assertFalse(v("1.7.10").startsWith(v("1.7.1")));
        assertTrue(v("1.7").startsWith(v("1.7.0")), "a missing component counts as 0");
        assertTrue(v("2013ab").startsWith(v("2013a")));
        assertFalse(v("2013a").startsWith(v("2013b")));
    }

    @Test
    void opensslConventionSorts() {
        List<String> openssl = List.of(
                "1.0.1dev",
                "1.0.1_",
                "1.0.1a",
                "1.0.1b",
                "1.0.1c",
                "1.0.1d",
                "1.0.1r",
                "1.0.1rc",
                "1.0.1rc1",
                "1.0.1rc2",
                "1.0.1s",
                "1.0.1",
                "1.0.1post.a",
                "1.0.1post.b",
                "1.0.1post.z",
                "1.0.1post.za",
                "1.0.2");
        assertSortedAfterShuffle(openssl);
    }

    @Test
    void pep440ListSorts() {
        List<String> base = List.of(
                "1.0a1",
                "1.0a2.dev456",
                "1.0a12.dev456",
                "1.0a12",
                "1.0b1.dev456",
                "1.0b2",
                "1.0b2.post345.dev456",
                "1.0b2.post345",
                "1.0c1.dev456",
                "1.0c1",
                "1.0c3",
                "1.0rc2",
                "1.0.dev456",
                "1.0",
                "1.0.post456.dev34",
                "1.0.post456",
                "1.1.dev1",
                "1.2.r32+123456",
                "1.2.rev33+123456",
                "1.2+abc",
                "1.2+abc123def",
                "1.2+abc123",
                "1.2+123abc",
                "1.2+123abc456",
                "1.2+1234.abc",
                "1.2+123456");
        List<String> all = new ArrayList<>(base);
        for (String s : base) {
            all.add("1!" + s);
        }
        assertSortedAfterShuffle(all);
        assertSortedAfterShuffle(List.of("0.3.0.dev", "0.3.3"));
    }

    private static void assertSortedAfterShuffle(List<String> ordered) {
        List<Version> expected = ordered.stream().map(Version::parse).toList();
        for (int i = 0; i + 1 < expected.size(); i++) {
            assertTrue(
                    expected.get(i).compareTo(expected.get(i + 1)) < 0, expected.get(i) + " < " + expected.get(i + 1));
        }
        List<Version> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertEquals(expected, shuffled);
    }

    @Test
    void epochAndAccessors() {
        assertEquals(0, v("1.2").epoch());
        assertEquals(2, v("2!1.2").epoch());
        assertTrue(v("1.2+cuda").hasLocal());
        assertFalse(v("1.2").hasLocal());
        assertEquals(3, v("1!1.2.3").segmentCount());
        assertEquals("[[0, 'cuda', 11]]", v("1.2+cuda11").localComponentsString());
    }

    @Test
    void largeNumbersCompareNumerically() {
        assertTrue(v("1.99999999999999999999").compareTo(v("1.100000000000000000000")) < 0);
        assertTrue(v("1.9").compareTo(v("1.100000000000000000000")) < 0);
        assertEquals(v("1.0000000000000000000000001"), v("1.1"));
        assertTrue(v("1.99999999999999999999").compareTo(v("1.99999999999999999999post")) < 0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "  ", "3.5&1", "5.5++", "5.5..mw", "!", "a!1.0", "a!b!1.0", "1.2+", "+1.2", "+1.2+", "++", "1!",
                "1-2_3", "1..2", "1.2.", ".1", "1 2", "1!2!3"
            })
    void rejectsInvalidVersions(String text) {
        assertThrows(IllegalArgumentException.class, () -> Version.parse(text));
    }

    @Test
    void errorMessagesSayWhereAndWhy() {
        InvalidVersionException e = assertThrows(InvalidVersionException.class, () -> Version.parse("1.2..3"));
        assertEquals("invalid version '1.2..3': empty version component (at column 5)", e.getMessage());
        e = assertThrows(InvalidVersionException.class, () -> Version.parse("1.2&3"));
        assertTrue(
                e.getMessage().contains("invalid character '&'")
                        && e.getMessage().contains("column 4"),
                e.getMessage());
        e = assertThrows(InvalidVersionException.class, () -> Version.parse("1-2_3"));
        assertTrue(e.getMessage().contains("'-' is only allowed in versions without '_'"), e.getMessage());
        e = assertThrows(InvalidVersionException.class, () -> Version.parse("a!1.0"));
        assertTrue(e.getMessage().contains("epoch must be an integer"), e.getMessage());
        e = assertThrows(InvalidVersionException.class, () -> Version.parse("1.0+a+b"));
        assertTrue(e.getMessage().contains("duplicated local version separator '+'"), e.getMessage());
        e = assertThrows(InvalidVersionException.class, () -> Version.parse("+1.0"));
        assertTrue(e.getMessage().contains("missing version before local version separator '+'"), e.getMessage());
        assertEquals(1, e.column());
    }
}
