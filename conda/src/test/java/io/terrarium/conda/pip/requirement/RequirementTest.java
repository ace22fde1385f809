package io.terrarium.conda.pip.requirement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.pip.version.PipVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cases from PEP 508 and {@code packaging}'s tests/test_requirements.py and tests/test_markers.py. */
class RequirementTest {
    private static final MarkerEnvironment LINUX_311 = MarkerEnvironment.of("3.11.4", "linux-64");
    private static final MarkerEnvironment OSX_ARM_38 = MarkerEnvironment.of("3.8", "osx-arm64");
    private static final MarkerEnvironment WIN_312 = MarkerEnvironment.of("3.12.1", "win-64");

    @Test
    void normalisesNamesAsPep503() {
        assertEquals("zope-interface", PackageName.of("Zope.Interface").normalized());
        assertEquals("a-b-c", PackageName.of("A__b-.-C").normalized());
        assertEquals("a_b_c", PackageName.of("A__b-.-C").wheelForm());
        assertEquals(PackageName.of("typing_extensions"), PackageName.of("Typing-Extensions"));
        for (String bad : new String[] {"", "-a", "a-", "a b", "é"}) {
            assertThrows(InvalidRequirementException.class, () -> PackageName.of(bad), bad);
        }
    }

    @Test
    void parsesNamesExtrasSpecifiersAndMarkers() {
        Requirement r = Requirement.parse("Pkg_A [Extra-1, b] (>=1.2, <2) ; python_version >= '3.8'");
        assertEquals("pkg-a", r.name().normalized());
        assertEquals(List.of("b", "extra-1"), List.copyOf(r.extras()));
        assertEquals(">=1.2,<2", r.specifiers().toString());
        assertTrue(r.specifiers().contains(PipVersion.parse("1.5")));
        assertNull(r.url());
        assertEquals("python_version >= '3.8'", r.marker().toString());
        assertEquals("Pkg_A[b,extra-1]>=1.2,<2; python_version >= '3.8'", r.toString());

        Requirement plain = Requirement.parse("requests");
        assertTrue(plain.specifiers().isEmpty());
        assertTrue(plain.extras().isEmpty());
        assertNull(plain.marker());
        assertEquals("numpy==1.26.*", Requirement.parse("numpy==1.26.*").toString());
        assertThrows(InvalidRequirementException.class, () -> Requirement.parse("name>=3;"));
        assertEquals(">=1,<2", Requirement.parse("name >=1 , <2").specifiers().toString());
    }

    @Test
    void parsesUrlRequirements() {
        Requirement r = Requirement.parse(
                "pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee ; " + "python_version == '3.11'");
        assertEquals("https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee", r.url());
        assertTrue(r.marker().evaluate(LINUX_311));
        assertEquals(
                "name",
                Requirement.parse("name @ file:///tmp/name-1.0-py3-none-any.whl")
                        .name()
                        .normalized());
        assertThrows(
                InvalidRequirementException.class, () -> Requirement.parse("name @ https://x/y.whl; os_name=='a'"));
        assertThrows(InvalidRequirementException.class, () -> Requirement.parse("name @ "));
    }

    @Test
    void refusesMalformedRequirementsSayingWhere() {
        String[] bad = {
            "",
            "name>=",
            "name[",
            "name[bar baz]",
            "name (>=1.0",
            "name; os_name",
            "name; os_name ==",
            "name; foo == 'x'",
            "name; 'a' == 'b'",
            "name; os_name == 'a' xor",
            "name>=1.0 junk",
            "==1.0",
            "name~=1"
        };
        for (String b : bad) {
            InvalidRequirementException e =
                    assertThrows(InvalidRequirementException.class, () -> Requirement.parse(b), b);
            assertTrue(e.getMessage().startsWith("invalid requirement '"), e.getMessage());
        }
        assertTrue(assertThrows(InvalidRequirementException.class, () -> Requirement.parse("x; foo == '1'"))
                .getMessage()
                .contains("unknown marker variable 'foo'"));
    }

    @Test
    void environmentFollowsTheCondaPlatform() {
        assertEquals("linux", LINUX_311.get("sys_platform"));
        assertEquals("x86_64", LINUX_311.get("platform_machine"));
        assertEquals("posix", LINUX_311.get("os_name"));
        assertEquals("Linux", LINUX_311.get("platform_system"));
        assertEquals("3.11", LINUX_311.get("python_version"));
        assertEquals("3.11.4", LINUX_311.get("python_full_version"));
        assertEquals("CPython", LINUX_311.get("platform_python_implementation"));
        assertEquals("cpython", LINUX_311.get("implementation_name"));
        assertEquals("darwin", OSX_ARM_38.get("sys_platform"));
        assertEquals("arm64", OSX_ARM_38.get("platform_machine"));
        assertEquals("3.8.0", OSX_ARM_38.get("python_full_version"));
        assertEquals("win32", WIN_312.get("sys_platform"));
        assertEquals("nt", WIN_312.get("os_name"));
        assertEquals("Windows", WIN_312.get("platform_system"));
        assertEquals("AMD64", WIN_312.get("platform_machine"));
        assertEquals("aarch64", MarkerEnvironment.of("3.10", "linux-aarch64").get("platform_machine"));
    }

    @Test
    void evaluatesMarkersAsPackagingDoes() {
        Object[][] cases = {
            {"python_version >= '3.8'", true, true, true},
            {"python_version < '3.10'", false, true, false},
            {"python_version > '3.8'", true, false, true},
            {"python_full_version >= '3.11.4'", true, false, true},
            {"python_version == '3.11.*'", true, false, false},
            {"python_version ~= '3.8'", true, true, true},
            {"sys_platform == 'linux'", true, false, false},
            {"sys_platform != 'win32'", true, true, false},
            {"'linux' in sys_platform", true, false, false},
            {"sys_platform not in 'win32 cygwin'", true, true, false},
            {"platform_machine == 'arm64' or platform_machine == 'aarch64'", false, true, false},
            {"os_name == 'nt' and python_version >= '3.12'", false, false, true},
            {"(os_name == 'posix' or os_name == 'nt') and python_version < '4'", true, true, true},
            {"os_name == 'posix' and (python_version < '3.9' or platform_system == 'Linux')", true, true, false},
            {"implementation_name == 'cpython' and platform_python_implementation != 'PyPy'", true, true, true},
            {"platform_system == \"Darwin\"", false, true, false},
            {"'3.9' <= python_version", true, false, true},
            {"os.name == 'posix'", true, true, false},
            {"sys.platform == 'darwin'", false, true, false},
            {"platform_release >= '5'", false, false, false},
        };
        for (Object[] c : cases) {
            Marker m = Marker.parse((String) c[0]);
            assertEquals(c[1], m.evaluate(LINUX_311), c[0] + " on linux 3.11");
            assertEquals(c[2], m.evaluate(OSX_ARM_38), c[0] + " on osx-arm64 3.8");
            assertEquals(c[3], m.evaluate(WIN_312), c[0] + " on win 3.12");
        }
    }

    @Test
    void extrasMatchInNormalisedFormOnlyWhenRequested() {
        Marker m = Marker.parse("extra == 'Test_Utils' and python_version >= '3'");
        assertTrue(m.mentionsExtra());
        assertFalse(m.evaluate(LINUX_311));
        assertTrue(m.evaluate(LINUX_311, "test-utils"));
        assertTrue(m.evaluate(LINUX_311, "test.utils"));
        assertFalse(m.evaluate(LINUX_311, "docs"));
        Requirement r = Requirement.parse("pytest>=7; extra == \"test\"");
        assertFalse(r.appliesTo(LINUX_311, Set.of()));
        assertTrue(r.appliesTo(LINUX_311, Set.of("docs", "test")));
        assertTrue(Requirement.parse("colorama; os_name == 'nt'").appliesTo(WIN_312, Set.of()));
        assertFalse(Requirement.parse("colorama; os_name == 'nt'").appliesTo(LINUX_311, Set.of("test")));
        assertFalse(Marker.parse("python_version >= '3'").mentionsExtra());
    }

    @Test
    void stringOnlyOperatorsNeedVersions() {
        assertThrows(
                InvalidRequirementException.class,
                () -> Marker.parse("platform_release ~= 'abc'").evaluate(LINUX_311));
    }
}
