package io.terrarium.conda.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.types.PackageRecord;
import org.junit.jupiter.api.Test;

class PackageUrlTest {
    @Test
    void splitsAtTheLastTwoDashesAndReadsChannelAndSubdir() {
        PackageUrl u = PackageUrl.parse(
                "https://conda.anaconda.org/conda-forge/noarch/font-ttf-dejavu-sans-mono-2.37-hab24e00_0.tar.bz2");
        assertEquals("font-ttf-dejavu-sans-mono", u.name());
        assertEquals("2.37", u.version());
        assertEquals("hab24e00_0", u.build());
        assertEquals("noarch", u.subdir());
        assertEquals("https://conda.anaconda.org/conda-forge", u.channel());
        assertEquals("font-ttf-dejavu-sans-mono-2.37-hab24e00_0.tar.bz2", u.fn());
    }

    @Test
    void condaFormatAndBuildNumberFromTheBuildString() {
        PackageRecord r = PackageUrl.parse(
                        "https://conda.anaconda.org/conda-forge/linux-64/python-3.11.0-he550d4f_1_cpython.conda")
                .toRecordBuilder()
                .build();
        assertEquals("python-3.11.0-he550d4f_1_cpython", r.dist());
        assertEquals("linux-64", r.subdir());
        assertEquals(0, r.buildNumber(), "the trailing segment is not a number, so no guess");
        assertEquals(
                13,
                PackageUrl.parse("file:///c/linux-64/zlib-1.2.11-h7b6447c_13.conda")
                        .toRecordBuilder()
                        .build()
                        .buildNumber());
        assertEquals(2, PackageUrl.buildNumberGuess("2"));
    }

    @Test
    void fileUrlsPathsAndEscapes() {
        PackageUrl u = PackageUrl.parse("file:///srv/my%20channel/linux-64/pkg-1.0%2Bcpu-0.conda");
        assertEquals("pkg", u.name());
        assertEquals("1.0+cpu", u.version());
        assertEquals("file:///srv/my%20channel", u.channel());
        PackageUrl bare = PackageUrl.parse("pkg-1.0-0.tar.bz2");
        assertNull(bare.channel());
        assertNull(bare.subdir());
        PackageUrl noSubdir = PackageUrl.parse("https://example.com/pkg-a-1.0-0.tar.bz2");
        assertEquals("https://example.com", noSubdir.channel());
        assertNull(noSubdir.subdir());
    }

    @Test
    void rejectsWhatIsNotAPackage() {
        var e = assertThrows(
                LockfileFormatException.class,
                () -> PackageUrl.parse("https://files.pythonhosted.org/packages/x/cycler-0.11.0-py3-none-any.whl"));
        assertTrue(e.getMessage().contains(".conda or .tar.bz2"), e.getMessage());
        var e2 = assertThrows(
                LockfileFormatException.class, () -> PackageUrl.parse("https://x/linux-64/zlib-1.2.conda"));
        assertTrue(e2.getMessage().contains("<name>-<version>-<build>"), e2.getMessage());
        assertFalse(PackageUrl.looksLikePackage("https://x/a.whl"));
        assertTrue(PackageUrl.looksLikePackage("https://x/a-1-0.conda#abc"));
    }
}
