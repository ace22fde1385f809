package io.terrarium.conda.pip.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Cases from PEP 440 and from {@code packaging}'s tests/test_version.py. */
class PipVersionTest {
    /** packaging's VERSIONS list: strictly increasing. */
    static final List<String> ORDERED = List.of(
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0b2.post345.dev456",
            "1.0b2.post345",
            "1.0b2-346",
            "1.0c1.dev456",
            "1.0c1",
            "1.0rc2",
            "1.0c3",
            "1.0",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.1.dev1",
            "1.2+123abc",
            "1.2+123abc456",
            "1.2+abc",
            "1.2+abc123",
            "1.2+abc123def",
            "1.2+1234.abc",
            "1.2+123456",
            "1.2.r32+123456",
            "1.2.rev33+123456",
            "1!1.0.dev456",
            "1!1.0a1",
            "1!1.0a2.dev456",
            "1!1.0a12.dev456",
            "1!1.0a12",
            "1!1.0b1.dev456",
            "1!1.0b2",
            "1!1.0b2.post345.dev456",
            "1!1.0b2.post345",
            "1!1.0b2-346",
            "1!1.0c1.dev456",
            "1!1.0c1",
            "1!1.0rc2",
            "1!1.0c3",
            "1!1.0",
            "1!1.0.post456.dev34",
            "1!1.0.post456",
            "1!1.1.dev1",
            "1!1.2+123abc",
            "1!1.2+123abc456",
            "1!1.2+abc",
            "1!1.2+abc123",
            "1!1.2+abc123def",
            "1!1.2+1234.abc",
            "1!1.2+123456",
            "1!1.2.r32+123456",
            "1!1.2.rev33+123456");

    @Test
    void ordersAsPackagingDoes() {
        for (int i = 0; i + 1 < ORDERED.size(); i++) {
            PipVersion a = PipVersion.parse(ORDERED.get(i));
            PipVersion b = PipVersion.parse(ORDERED.get(i + 1));
            assertTrue(a.compareTo(b) < 0, a + " < " + b);
            assertTrue(b.compareTo(a) > 0, b + " > " + a);
        }
        List<PipVersion> shuffled = new ArrayList<>();
        ORDERED.forEach(s -> shuffled.add(PipVersion.parse(s)));
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertEquals(
                ORDERED.stream().map(s -> PipVersion.parse(s).toString()).toList(),
                shuffled.stream().map(PipVersion::toString).toList());
    }

    @Test
    void normalisesEverySpellingPep440Allows() {
        String[][] cases = {
            {"1.0dev", "1.0.dev0"},
            {"1.0.dev", "1.0.dev0"},
            {"1.0dev1", "1.0.dev1"},
            {"1.0-dev", "1.0.dev0"},
            {"1.0-dev1", "1.0.dev1"},
            {"1.0DEV", "1.0.dev0"},
            {"1.0.DEV1", "1.0.dev1"},
            {"1.0alpha", "1.0a0"},
            {"1.0.alpha1", "1.0a1"},
            {"1.0-a1", "1.0a1"},
            {"1.0_a1", "1.0a1"},
            {"1.0beta", "1.0b0"},
            {"1.0-BETA2", "1.0b2"},
            {"1.0c1", "1.0rc1"},
            {"1.0pre1", "1.0rc1"},
            {"1.0preview2", "1.0rc2"},
            {"1.0-rc3", "1.0rc3"},
            {"1.0.RC.3", "1.0rc3"},
            {"1.0post", "1.0.post0"},
            {"1.0-post1", "1.0.post1"},
            {"1.0-1", "1.0.post1"},
            {"1.0r", "1.0.post0"},
            {"1.0rev4", "1.0.post4"},
            {"1.0.POST_5", "1.0.post5"},
            {"v1.0", "1.0"},
            {"V2.1.3", "2.1.3"},
            {"  1.0  ", "1.0"},
            {"01.002.0003", "1.2.3"},
            {"0!1.0", "1.0"},
            {"2!1.0", "2!1.0"},
            {"1.0+ubuntu-1", "1.0+ubuntu.1"},
            {"1.0+Ubuntu_1", "1.0+ubuntu.1"},
            {"1.0+0010", "1.0+10"},
            {"1.0a1.post2.dev3+local.7", "1.0a1.post2.dev3+local.7"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], PipVersion.parse(c[0]).toString(), c[0]);
        }
    }

    @Test
    void equalityIgnoresTrailingZerosButNotLocal() {
        assertEquals(PipVersion.parse("1.0"), PipVersion.parse("1.0.0"));
        assertEquals(
                PipVersion.parse("1.0").hashCode(), PipVersion.parse("1.0.0.0").hashCode());
        assertEquals(PipVersion.parse("1.0a"), PipVersion.parse("1.0alpha0"));
        assertFalse(PipVersion.parse("1.0").equals(PipVersion.parse("1.0+local")));
        assertTrue(PipVersion.parse("1.0").compareTo(PipVersion.parse("1.0+local")) < 0);
    }

    @Test
    void refusesWhatIsNotPep440() {
        for (String bad : new String[] {
            "",
            "french toast",
            "1.0+",
            "1.0+_foo",
            "1.0+.",
            "1.0..0",
            "1.0-",
            "1.0a1a1",
            "1!",
            "1.0.post1.post2",
            "1.0 beta",
            "1,0",
            "*",
            "1.*"
        }) {
            assertNull(PipVersion.tryParse(bad), bad);
            InvalidPipVersionException e = assertThrows(InvalidPipVersionException.class, () -> PipVersion.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
    }

    @Test
    void classifiesReleases() {
        assertTrue(PipVersion.parse("1.0.dev0").isPreRelease());
        assertTrue(PipVersion.parse("1.0a1").isPreRelease());
        assertTrue(PipVersion.parse("1.0rc1.post1").isPreRelease());
        assertFalse(PipVersion.parse("1.0.post1").isPreRelease());
        assertTrue(PipVersion.parse("1.0.post1").isPostRelease());
        assertTrue(PipVersion.parse("1.0.post1.dev1").isPreRelease());
        assertEquals("1!2.0", PipVersion.parse("1!2.0rc1.post3+x").baseVersion().toString());
        assertEquals("2.0rc1", PipVersion.parse("2.0rc1+x.y").publicVersion().toString());
        assertEquals("x.y", PipVersion.parse("2.0rc1+x-y").local());
    }
}
