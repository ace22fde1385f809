package io.terrarium.conda.pip.wheel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tag orders checked against {@code packaging.tags} (cpython_tags + compatible_tags, mac_platforms). */
class CompatibleTagsTest {
    @Test
    void ordersCpythonTagsAsPackagingDoes() {
        List<String> t = CompatibleTags.forPlatforms(
                        "3.11", List.of("manylinux_2_17_x86_64", "manylinux2014_x86_64", "linux_x86_64"))
                .ordered();
        assertEquals(89, t.size());
        assertEquals(
                List.of(
                        "cp311-cp311-manylinux_2_17_x86_64",
                        "cp311-cp311-manylinux2014_x86_64",
                        "cp311-cp311-linux_x86_64",
                        "cp311-abi3-manylinux_2_17_x86_64",
                        "cp311-abi3-manylinux2014_x86_64",
                        "cp311-abi3-linux_x86_64",
                        "cp311-none-manylinux_2_17_x86_64",
                        "cp311-none-manylinux2014_x86_64",
                        "cp311-none-linux_x86_64",
                        "cp310-abi3-manylinux_2_17_x86_64",
                        "cp310-abi3-manylinux2014_x86_64",
                        "cp310-abi3-linux_x86_64"),
                t.subList(0, 12));
        assertEquals(
                List.of(
                        "cp311-none-any",
                        "py311-none-any",
                        "py3-none-any",
                        "py310-none-any",
                        "py39-none-any",
                        "py38-none-any",
                        "py37-none-any",
                        "py36-none-any",
                        "py35-none-any",
                        "py34-none-any",
                        "py33-none-any",
                        "py32-none-any",
                        "py31-none-any",
                        "py30-none-any"),
                t.subList(75, 89));
    }

    @Test
    void manylinuxFollowsGlibcWithLegacyAliases() {
        List<String> p = CompatibleTags.platforms("linux-64", "2.17", null, null);
        assertEquals("manylinux_2_17_x86_64", p.get(0));
        assertEquals("manylinux2014_x86_64", p.get(1));
        assertEquals("manylinux_2_16_x86_64", p.get(2));
        assertTrue(p.indexOf("manylinux2010_x86_64") == p.indexOf("manylinux_2_12_x86_64") + 1);
        assertTrue(p.indexOf("manylinux1_x86_64") == p.indexOf("manylinux_2_5_x86_64") + 1);
        assertEquals("linux_x86_64", p.get(p.size() - 1));
        assertFalse(p.contains("manylinux_2_4_x86_64"));
        List<String> arm = CompatibleTags.platforms("linux-aarch64", "2.28", null, null);
        assertEquals(List.of("manylinux_2_28_aarch64", "manylinux_2_27_aarch64"), arm.subList(0, 2));
        assertTrue(arm.contains("manylinux2014_aarch64"));
        assertFalse(arm.contains("manylinux2010_aarch64"));
        assertFalse(arm.contains("manylinux_2_16_aarch64"));
        assertEquals(
                List.of("musllinux_1_2_x86_64", "musllinux_1_1_x86_64", "musllinux_1_0_x86_64", "linux_x86_64"),
                CompatibleTags.platforms("linux-64", null, "1.2", null));
    }

    @Test
    void macosFollowsVersionAndArchitecture() {
        List<String> arm = CompatibleTags.macPlatforms("11.0", "arm64");
        assertEquals(
                List.of("macosx_11_0_arm64", "macosx_11_0_universal2", "macosx_10_16_universal2"), arm.subList(0, 3));
        assertEquals(15, arm.size());
        List<String> intel = CompatibleTags.macPlatforms("10.9", "x86_64");
        assertEquals(
                List.of(
                        "macosx_10_9_x86_64",
                        "macosx_10_9_intel",
                        "macosx_10_9_fat64",
                        "macosx_10_9_fat32",
                        "macosx_10_9_universal2",
                        "macosx_10_9_universal",
                        "macosx_10_8_x86_64"),
                intel.subList(0, 7));
        assertEquals(36, intel.size());
        assertEquals(96, CompatibleTags.macPlatforms("13.0", "x86_64").size());
        assertEquals(
                "win_amd64",
                CompatibleTags.platforms("win-64", null, null, null).get(0));
    }

    @Test
    void ranksWheelsByTheirBestTag() {
        CompatibleTags linux = CompatibleTags.cpython("3.11.4", "linux-64", "2.17", null, null);
        WheelFilename binary =
                WheelFilename.parse("numpy-1.26.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        WheelFilename abi3 = WheelFilename.parse("cryptography-41.0.0-cp37-abi3-manylinux_2_28_x86_64.whl");
        WheelFilename abi3Old = WheelFilename.parse("cryptography-41.0.0-cp37-abi3-manylinux_2_17_x86_64.whl");
        WheelFilename pure = WheelFilename.parse("six-1.16.0-py2.py3-none-any.whl");
        assertEquals(0, linux.rank(binary));
        assertFalse(linux.isCompatible(abi3), "needs glibc 2.28");
        assertTrue(linux.rank(abi3Old) > 0 && linux.rank(abi3Old) < linux.rank(pure));
        assertFalse(linux.isCompatible(WheelFilename.parse("x-1.0-cp312-cp312-manylinux_2_17_x86_64.whl")));
        assertFalse(linux.isCompatible(WheelFilename.parse("x-1.0-cp311-cp311-win_amd64.whl")));
        CompatibleTags win = CompatibleTags.cpython("3.12", "win-64", null, null, null);
        assertTrue(win.isCompatible(WheelFilename.parse("x-1.0-cp312-cp312-win_amd64.whl")));
        assertTrue(win.isCompatible(pure));
        CompatibleTags mac = CompatibleTags.cpython("3.10", "osx-arm64", null, null, "12.0");
        assertTrue(mac.isCompatible(WheelFilename.parse("x-1.0-cp310-cp310-macosx_11_0_arm64.whl")));
        assertTrue(mac.isCompatible(WheelFilename.parse("x-1.0-cp310-cp310-macosx_10_9_universal2.whl")));
        assertFalse(mac.isCompatible(WheelFilename.parse("x-1.0-cp310-cp310-macosx_10_9_x86_64.whl")));
        assertFalse(mac.isCompatible(WheelFilename.parse("x-1.0-cp310-cp310-macosx_13_0_arm64.whl")));
    }

    @Test
    void parsesWheelFileNames() {
        WheelFilename w = WheelFilename.parse("Pkg_A-1.0.post1-7b-py2.py3-none-any.whl");
        assertEquals("pkg-a", w.name().normalized());
        assertEquals("1.0.post1", w.version().toString());
        assertEquals("7b", w.build());
        assertEquals(List.of(7L, "b"), w.buildKey());
        assertEquals(2, w.tags().size());
        assertTrue(w.tags().contains("py2-none-any"));
        assertNull(WheelFilename.parse("a-1-py3-none-any.whl").build());
        for (String bad : new String[] {
            "a-1.0.tar.gz",
            "a-1.0-py3-any.whl",
            "a-x y-py3-none-any.whl",
            "a-1.0-b-py3-none-any.whl",
            "a-1-2-3-4-5-6.whl"
        }) {
            assertThrows(InvalidWheelException.class, () -> WheelFilename.parse(bad), bad);
        }
    }
}
