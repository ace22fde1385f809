package io.terrarium.conda.pip.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases from PEP 440 and {@code packaging}'s tests/test_specifiers.py (pre-releases admitted unless noted). */
class SpecifierTest {
    private static final String[][] MATCH = {
        // == with wildcards and padding
        {"2.0", "==2"},
        {"2.0", "==2.0"},
        {"2.0", "==2.0.0"},
        {"2.0+deadbeef", "==2"},
        {"2.0+deadbeef", "==2.0"},
        {"2.0+deadbeef", "==2.0+deadbeef"},
        {"2.0+deadbeef.0", "==2.0.0+deadbeef.0"},
        {"2.0", "==2.*"},
        {"2.0", "==2.0.*"},
        {"2.0.0", "==2.*"},
        {"2.0.0", "==2.0.*"},
        {"2.1+local.version", "==2.1.*"},
        {"2.0a1", "==2.*"},
        {"2.0.post1", "==2.0.*"},
        {"2.0.dev1", "==2.0.*"},
        {"1!2.0", "==1!2.*"},
        {"2", "==2.0.*"},
        // !=
        {"2.1", "!=2"},
        {"2.1", "!=2.0"},
        {"2.0.1", "!=2"},
        {"2.0.1", "!=2.0"},
        {"2.0.1", "!=2.0.0"},
        {"2.0", "!=2.0+deadbeef"},
        {"2.0", "!=3.*"},
        {"2.1", "!=2.0.*"},
        // ordered comparisons
        {"2.0", ">=2"},
        {"2.0", ">=2.0"},
        {"2.0", ">=2.0.0"},
        {"2.0.post1", ">=2"},
        {"2.0.post1.dev1", ">=2"},
        {"3", ">=2"},
        {"2.0", "<=2"},
        {"2.0", "<=2.0"},
        {"2.0", "<=2.0.0"},
        {"2.0.dev1", "<=2"},
        {"2.0", "<3"},
        {"2.0a1", "<3"},
        {"2.0", "<2.0.post1"},
        {"2.1", ">2"},
        {"2.0.1", ">2"},
        {"2.0.post1", ">2.0.dev1"},
        {"2.1.post1", ">2"},
        {"3.0.post1", ">2"},
        {"2.0a1", "<2.0b1"},
        {"2.0rc1", ">2.0a1"},
        {"2.1+local", ">2.0"},
        {"1.0.dev1", "<1.0.post1"},
        {"1.9a1", "<2.0"},
        {"2.0a2+l", ">2.0a1"},
        // compatible release
        {"2.0", "~=2.0"},
        {"2.1", "~=2.0"},
        {"2.9.9", "~=2.0"},
        {"1.4.5", "~=1.4.5"},
        {"1.4.9", "~=1.4.5"},
        {"2.2.post3", "~=2.2.post3"},
        {"2.9", "~=2.2.post3"},
        {"1.4.5a4", "~=1.4.5a4"},
        {"1.4.9", "~=1.4.5a4"},
        {"1!2.1", "~=1!2.0"},
        {"2.1+local", "~=2.0"},
        // arbitrary equality
        {"foobar", "===foobar"},
        {"1.0", "===1.0"},
        {"1.0", "===1.0"},
    };

    private static final String[][] MISMATCH = {
        {"2.1", "==2"},
        {"2.1", "==2.0"},
        {"2.1", "==2.0.0"},
        {"2.0", "==2.0+deadbeef"},
        {"2.0", "==3.*"},
        {"2.1", "==2.0.*"},
        {"1!2.0", "==2.*"},
        {"2.0", "==1!2.*"},
        {"2.0.0", "==1.0.*"},
        {"2.0", "!=2"},
        {"2.0", "!=2.0"},
        {"2.0", "!=2.0.0"},
        {"2.0+deadbeef", "!=2"},
        {"2.0+deadbeef", "!=2.0"},
        {"2.0+deadbeef", "!=2.0+deadbeef"},
        {"2.0", "!=2.*"},
        {"2.0.0", "!=2.0.*"},
        {"2.0.dev1", ">=2"},
        {"1.9", ">=2"},
        {"2.0.post1", "<=2"},
        {"2.0.post1.dev1", "<=2"},
        {"2.1", "<=2"},
        {"2.0.dev1", "<2"},
        {"2.0a1", "<2"},
        {"2.0a1", "<2.0"},
        {"2.0.dev1", "<2.0"},
        {"2.0", "<2"},
        {"2.0.post1", ">2"},
        {"2.0.post1.dev1", ">2"},
        {"2.0+local.version", ">2"},
        {"2.0", ">2"},
        {"1.0", ">2"},
        {"2.0.1", "<2.0"},
        {"2.0.post1.dev1", "<2.0.post1"},
        {"2.0a1+l", ">2.0a1"},
        {"2.0a1.post1", ">2.0a1"},
        {"3.0", "~=2.0"},
        {"1.9", "~=2.0"},
        {"1.5.0", "~=1.4.5"},
        {"1.4.4", "~=1.4.5"},
        {"3.0", "~=2.2.post3"},
        {"2.2.post2", "~=2.2.post3"},
        {"1.5", "~=1.4.5a4"},
        {"1.4.5a3", "~=1.4.5a4"},
        {"2.0", "~=1!2.0"},
        {"1.0.0", "===1.0"},
        {"1.0+x", "===1.0"},
    };

    @Test
    void matchesAsPackagingDoes() {
        for (String[] c : MATCH) {
            if (c == null) {
                continue;
            }
            Specifier s = Specifier.parse(c[1]);
            PipVersion v = PipVersion.tryParse(c[0]);
            assertTrue(v == null ? s.containsLegacy(c[0]) : s.contains(v, true), c[0] + " in " + c[1]);
        }
        for (String[] c : MISMATCH) {
            assertFalse(Specifier.parse(c[1]).contains(PipVersion.parse(c[0]), true), c[0] + " not in " + c[1]);
        }
    }

    @Test
    void excludesPreReleasesUnlessAsked() {
        SpecifierSet ge = SpecifierSet.parse(">=1.0");
        assertFalse(ge.contains(PipVersion.parse("2.0a1")));
        assertTrue(ge.contains(PipVersion.parse("2.0a1"), true));
        assertTrue(SpecifierSet.parse(">=1.0.dev1").contains(PipVersion.parse("2.0a1")));
        assertTrue(SpecifierSet.parse("==2.0rc1").impliesPreReleases());
        assertFalse(SpecifierSet.parse("!=2.0rc1").impliesPreReleases());
        assertFalse(SpecifierSet.any().contains(PipVersion.parse("1.0.dev1")));
        assertTrue(SpecifierSet.parse(">=1.0,<2.0.dev0").impliesPreReleases());
    }

    @Test
    void filterFallsBackToPreReleasesWhenNothingElseMatches() {
        List<PipVersion> vs = List.of(PipVersion.parse("1.0"), PipVersion.parse("1.5a1"), PipVersion.parse("2.0b1"));
        assertEquals("[1.0]", SpecifierSet.parse(">=0.9").filter(vs).toString());
        assertEquals("[1.5a1, 2.0b1]", SpecifierSet.parse(">1.0").filter(vs).toString());
        assertEquals(
                "[1.0, 1.5a1, 2.0b1]", SpecifierSet.parse(">1.0a0").filter(vs).toString());
        assertEquals("[1.0]", SpecifierSet.any().filter(vs).toString());
        assertEquals("[]", SpecifierSet.parse(">3").filter(vs).toString());
    }

    @Test
    void setsAreConjunctions() {
        SpecifierSet s = SpecifierSet.parse(" >=1.0 , !=1.3.*, <2 ");
        assertEquals(">=1.0,!=1.3.*,<2", s.toString());
        assertTrue(s.contains(PipVersion.parse("1.2.9")));
        assertFalse(s.contains(PipVersion.parse("1.3.1")));
        assertFalse(s.contains(PipVersion.parse("2.0")));
        assertTrue(s.and(SpecifierSet.parse(">=1.1")).contains(PipVersion.parse("1.4")));
        assertFalse(s.and(SpecifierSet.parse(">=1.1")).contains(PipVersion.parse("1.0")));
    }

    @Test
    void refusesMalformedClausesClearly() {
        for (String bad : new String[] {
            "~=1",
            "<=1.0.*",
            ">1.0+local",
            "~=1.0+local",
            "==1.0a1.*",
            "=>1.0",
            "1.0",
            "==",
            "== 1.0 2.0",
            "==1.0.*.*",
            ">=foo"
        }) {
            InvalidPipVersionException e =
                    assertThrows(InvalidPipVersionException.class, () -> Specifier.parse(bad), bad);
            assertTrue(e.getMessage().contains("'"), e.getMessage());
        }
        assertThrows(InvalidPipVersionException.class, () -> SpecifierSet.parse(">=1.0,,<2"));
    }
}
