package io.terrarium.conda.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Version specs: the cases of conda's {@code tests/models/test_version.py} plus error reporting. */
class VersionSpecTest {

    private static boolean eval(String version, String spec) {
        return VersionSpec.parse(spec).matches(Version.parse(version));
    }

    @Test
    void verEval() {
        assertTrue(eval("1.7.0", "==1.7"));
        assertTrue(eval("1.7.0", "<=1.7"));
        assertFalse(eval("1.7.0", "<1.7"));
        assertTrue(eval("1.7.0", ">=1.7"));
        assertFalse(eval("1.7.0", ">1.7"));
        assertFalse(eval("1.6.7", ">=1.7"));
        assertFalse(eval("2013a", ">2013b"));
        assertTrue(eval("2013k", ">2013b"));
        assertFalse(eval("3.0.0", ">2013b"));
        assertTrue(eval("1.0.0", ">1.0.0a"));
        assertTrue(eval("1.0.0", ">1.0.0*"));
        assertTrue(eval("1.0", "1.0*"));
        assertTrue(eval("1.0.0", "1.0*"));
        assertTrue(eval("1.0", "1.0.0*"));
        assertFalse(eval("1.0.1", "1.0.0*"));
        assertTrue(eval("2013a", "2013a*"));
        assertFalse(eval("2013a", "2013b*"));
        assertTrue(eval("2013ab", "2013a*"));
        assertFalse(eval("1.3.4", "1.2.4*"));
        assertTrue(eval("1.2.3+4.5.6", "1.2.3*"));
        assertTrue(eval("1.2.3+4.5.6", "1.2.3+4*"));
        assertFalse(eval("1.2.3+4.5.6", "1.2.3+5*"));
        assertFalse(eval("1.2.3+4.5.6", "1.2.4+5*"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "><2.4.5",
                "!!2.4.5",
                "!",
                "~",
                "^",
                "1.2+",
                "+1.2",
                "+1.2+",
                "++",
                "c +, 0/|0 *",
                "a[version=)|(",
                "a=)(=b",
                "==",
                "=",
                ">=",
                "<=",
                "===3.3.2",
                "~=3.3.2.*",
                "(1.5",
                "1.5)",
                "1.5||1.6",
                "^1.5",
                "1.5$",
                "",
                "  ",
                ",1.2",
                "1.2,",
                "1.2|",
                "()",
                "~=1",
                "^[1$",
                ">= 1.2"
            })
    void rejectsInvalidSpecs(String spec) {
        assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse(spec));
    }

    @Test
    void exactnessEqualityAndHash() {
        VersionSpec v1 = VersionSpec.parse("1.7.1");
        VersionSpec v2 = VersionSpec.parse("1.7.1*");
        VersionSpec v3 = VersionSpec.parse("1.7.1");
        assertTrue(v1.isExact());
        assertEquals(Version.parse("1.7.1"), v1.exactVersion());
        assertFalse(v2.isExact());
        assertNull(v2.exactVersion());
        assertEquals(v1, v3);
        assertNotEquals(v1, v2);
        assertEquals(v1.hashCode(), v3.hashCode());
        assertEquals(VersionSpec.parse("1.7.1*"), VersionSpec.parse("1.7.1.*"));
        assertEquals(VersionSpec.parse("1.7.1*,1.8.1*"), VersionSpec.parse("1.7.1.*,1.8.1.*"));
        assertEquals(VersionSpec.parse("1.7.1*,1.8.1.*"), VersionSpec.parse("1.7.1.*,1.8.1*"));
        assertTrue(VersionSpec.parse("==1.7").isExact());
        assertFalse(VersionSpec.parse("1.7|1.8").isExact());
        assertSame(VersionSpec.ANY, VersionSpec.parse("*"));
    }

    @Test
    void treesFuseAndPrintCanonically() {
        VersionSpec v = VersionSpec.parse("( (1.5|((1.6|1.7), 1.8), 1.9 |2.0))|2.1");
        // conda prints "1.5|1.6|1.7,1.8,1.9|2.0|2.1", which means something else when read back; we keep the group
        assertEquals("1.5|(1.6|1.7),1.8,1.9|2.0|2.1", v.toString());
        assertEquals(v.toString(), VersionSpec.parse(v.toString()).toString());
        assertTrue(v.matches(Version.parse("1.5")));
        assertTrue(v.matches(Version.parse("2.1")));
        assertFalse(v.matches(Version.parse("1.6")), "1.6 fails the ,1.8 branch");
        assertEquals("1.7.*", VersionSpec.parse("1.7*").toString());
        assertEquals(">=1,<2", VersionSpec.parse(" >=1 , <2 ").toString());
    }

    @Test
    void matchesCondasTable() {
        Object[][] table = {
            {"1.7.*", true},
            {"1.7.1", true},
            {"1.7.0", false},
            {"1.7", false},
            {"1.5.*", false},
            {">=1.5", true},
            {"!=1.5", true},
            {"!=1.7.1", false},
            {"==1.7.1", true},
            {"==1.7", false},
            {"==1.7.2", false},
            {"==1.7.1.0", true},
            {"1.7.*|1.8.*", true},
            {">1.7,<1.8", true},
            {">1.7.1,<1.8", false},
            {"^1.7.1$", true},
            {"^1\\.7\\.1$", true},
            {"^1\\.7\\.[0-9]+$", true},
            {"^1\\.8.*$", false},
            {"^1\\.[5-8]\\.1$", true},
            {"^[^1].*$", false},
            {"^[0-9+]+\\.[0-9+]+\\.[0-9]+$", true},
            {"^$", false},
            {"^.*$", true},
            {"1.7.*|^0.*$", true},
            {"1.6.*|^0.*$", false},
            {"1.6.*|^0.*$|1.7.1", true},
            {"^0.*$|1.7.1", true},
            {"1.6.*|^.*\\.7\\.1$|0.7.1", true},
            {"*", true},
            {"1.*.1", true},
            {"1.5.*|>1.7,<1.8", true},
            {"1.5.*|>1.7,<1.7.1", false},
        };
        Version v = Version.parse("1.7.1");
        for (Object[] row : table) {
            VersionSpec spec = VersionSpec.parse((String) row[0]);
            assertEquals(row[0], spec.toString());
            assertEquals(row[1], spec.matches(v), (String) row[0]);
        }
    }

    @Test
    void localIdentifiersMatchThemselves() {
        for (String version :
                new String[] {"1.7.0", "1.7.0.post123", "1.7.0.post123.gabcdef9", "1.7.0.post123+gabcdef9"}) {
            assertTrue(eval(version, version), version);
        }
    }

    @Test
    void equalsStarAndNotEqualsStar() {
        assertTrue(eval("3.3.1", "=3.3"));
        assertTrue(eval("3.3", "=3.3"));
        assertFalse(eval("3.4", "=3.3"));
        assertTrue(eval("3.3.1", "3.3.*"));
        assertTrue(eval("3.3", "3.3.*"));
        assertFalse(eval("3.4", "3.3.*"));
        assertTrue(eval("3.3.1", "=3.3.*"));
        assertTrue(eval("3.3", "=3.3.*"));
        assertFalse(eval("3.4", "=3.3.*"));
        assertFalse(eval("3.3.1", "!=3.3.*"));
        assertTrue(eval("3.4", "!=3.3.*"));
        assertTrue(eval("3.4.1", "!=3.3.*"));
        assertTrue(eval("3.3.1", "!=3.3"));
        assertFalse(eval("3.3.0.0", "!=3.3"));
        assertFalse(eval("3.3.0.0", "!=3.3.*"));
        assertTrue(eval("1.0.1c", "1.0.1*"), "conda's startswith: 1.0.1* matches 1.0.1c");
        assertFalse(eval("1.7.10", "1.7.1*"));
        assertFalse(eval("1.20", "=1.2"));
    }

    @Test
    void compoundVersions() {
        VersionSpec vs = VersionSpec.parse(">=2.7, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*");
        assertFalse(vs.matches(Version.parse("2.6.8")));
        assertTrue(vs.matches(Version.parse("2.7.2")));
        assertFalse(vs.matches(Version.parse("3.3")));
        assertFalse(vs.matches(Version.parse("3.3.4")));
        assertTrue(vs.matches(Version.parse("3.4")));
        assertTrue(vs.matches(Version.parse("3.4a")));
    }

    @Test
    void compatibleRelease() {
        assertTrue(eval("1.11.0", "~=1.10"));
        assertFalse(eval("1.11.0", "~=1.10.0"));
        assertFalse(eval("3.4.0", "~=3.3.2"));
        assertFalse(eval("3.3.1", "~=3.3.2"));
        assertTrue(eval("3.3.2.0", "~=3.3.2"));
        assertTrue(eval("3.3.3", "~=3.3.2"));
        assertTrue(eval("2.2.0", "~=3.3.2|==2.2"));
        assertTrue(eval("3.3.3", "~=3.3.2|==2.2"));
        assertFalse(eval("2.2.1", "~=3.3.2|==2.2"));
    }

    @ParameterizedTest
    @CsvSource({
        "'>=1.2.*', 1.2.0, true",
        "'>=1.2.*', 1.1.9, false",
        "'<1.2.*', 1.1, true",
        "'==1.2.*', 1.2.0, true",
        "'==1.2.*', 1.2.1, false",
        "'1.2', 1.2.0, true",
        "'1.2', 1.2.1, false",
        "'>1.0,<2|>=3', 2.5, false",
        "'>1.0,<2|>=3', 3.0, true",
        "'(>1.0|<0.5),!=0.7', 0.4, true",
        "'(>1.0|<0.5),!=0.7', 0.7, false",
        "'1.0.0+local', 1.0.0+local, true",
        "'>1.0+0', 1.0+1, true",
        "'1.*.3', 1.7.3, true",
        "'1.*.3', 1.7.4, false"
    })
    void otherForms(String spec, String version, boolean expected) {
        assertEquals(expected, eval(version, spec), spec + " on " + version);
    }

    @Test
    void errorsSayWhereAndWhy() {
        MatchSpecParseException e = assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse(">=1.2,<1..3"));
        assertEquals("invalid version spec '>=1.2,<1..3': empty version component (at column 10)", e.getMessage());
        assertEquals(10, e.column());
        e = assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse("1.2|(1.3"));
        assertEquals("invalid version spec '1.2|(1.3': '(' is never closed (at column 5)", e.getMessage());
        e = assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse("1.2||1.3"));
        assertTrue(e.getMessage().contains("expected a version between '|' and '|' (at column 5)"), e.getMessage());
        e = assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse("<>1.2"));
        assertTrue(e.getMessage().contains("invalid operator '<>'"), e.getMessage());
        e = assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse("~=3.3.*"));
        assertTrue(e.getMessage().contains("'~=' cannot be combined with '.*'"), e.getMessage());
        e = assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse("1.2)"));
        assertTrue(e.getMessage().contains("unbalanced ')' (at column 4)"), e.getMessage());
        e = assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse(">="));
        assertTrue(e.getMessage().contains("missing version after '>='"), e.getMessage());
        e = assertThrows(MatchSpecParseException.class, () -> VersionSpec.parse("^1.[$"));
        assertTrue(e.getMessage().contains("invalid regular expression"), e.getMessage());
    }
}
