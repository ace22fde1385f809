package io.terrarium.conda.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Dist}: the split at the last two dashes, and the shapes it refuses. */
class DistTest {

    @Test
    void splitsAtTheLastTwoDashesSoNamesMayHoldDashes() {
        assertEquals(Optional.of(new Dist("numpy", "1.26.4", "py312h_0")), Dist.parse("numpy-1.26.4-py312h_0"));
        assertEquals(Optional.of(new Dist("my-pkg", "1.0", "py_0")), Dist.parse("my-pkg-1.0-py_0"));
        assertEquals(
                "my-pkg-1.0-py_0", Dist.parse("my-pkg-1.0-py_0").orElseThrow().toString());
    }

    @Test
    void archiveFileNamesLoseTheirExtensionFirst() {
        assertEquals(Optional.of(new Dist("my-pkg", "1.0", "py_0")), Dist.ofFileName("my-pkg-1.0-py_0.conda"));
        assertEquals(
                Optional.of(new Dist("zlib", "1.2.13", "h5eee18b_1")),
                Dist.ofFileName("zlib-1.2.13-h5eee18b_1.tar.bz2"));
        assertEquals("a-1-0", Dist.stem("a-1-0.tar.bz2"));
        assertEquals("a-1-0.zip", Dist.stem("a-1-0.zip"));
        // parse itself leaves a build string that merely looks like an extension alone
        assertEquals(Optional.of(new Dist("a", "1", "0.conda")), Dist.parse("a-1-0.conda"));
    }

    @Test
    void refusesStringsWithoutANameAndTwoDashes() {
        assertEquals(Optional.empty(), Dist.parse("nodash"));
        assertEquals(Optional.empty(), Dist.parse("one-dash"));
        assertEquals(Optional.empty(), Dist.parse("-1.0-0"));
        assertEquals(Optional.empty(), Dist.parse("-0"));
        assertEquals(Optional.empty(), Dist.parse(""));
        assertEquals(Optional.empty(), Dist.ofFileName("nodash.tar.bz2"));
    }

    @Test
    void leavesEmptyVersionsAndBuildsToTheCaller() {
        assertEquals(Optional.of(new Dist("a", "", "0")), Dist.parse("a--0"));
        assertEquals(Optional.of(new Dist("a", "1", "")), Dist.parse("a-1-"));
    }
}
