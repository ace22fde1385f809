package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The union of alternative version ranges: exact, merged where ranges overlap or touch, and none when unsure. */
class SpecUnionTest {
    @Test
    void majorPinsMergeIntoOneRangePerGapFreeStretch() {
        assertEquals(
                "4 ranges, together >=1.0.0,<2 or >=2.1.0,<4",
                SpecUnion.describe("x", List.of("x >=1.5.0,<2", "x >=2.1.0,<3", "x >=1.0.0,<2", "x >=3.0.0,<4")));
    }

    @Test
    void rangesThatTouchMergeOnlyWhenTheBoundaryIsIncluded() {
        assertEquals("2 ranges, together >=1,<3", SpecUnion.describe("x", List.of("x >=1,<2", "x >=2,<3")));
        assertEquals("2 ranges, together >=1,<2 or >2,<3", SpecUnion.describe("x", List.of("x >=1,<2", "x >2,<3")));
        assertEquals("2 ranges, together >=1,<=3", SpecUnion.describe("x", List.of("x >=1,<=2", "x >2,<=3")));
    }

    @Test
    void openEndsAndExactVersions() {
        assertEquals(
                "3 ranges, together <0.5 or ==0.7 or >=1",
                SpecUnion.describe("x", List.of("x >=1", "x <0.5", "x ==0.7")));
        assertEquals("2 ranges, together >=1", SpecUnion.describe("x", List.of("x >=2", "x>=1")));
    }

    @Test
    void aRangeNothingMeetsAddsNothing() {
        assertEquals("2 ranges, together >=1,<2", SpecUnion.describe("x", List.of("x >=3,<2", "x >=1,<2")));
    }

    @Test
    void anythingElseIsNotSummarised() {
        assertNull(SpecUnion.describe("x", List.of("x >=1,<2", "x 1.*")));
        assertNull(SpecUnion.describe("x", List.of("x >=1,<2", "x >=2,<3 py*")));
        assertNull(SpecUnion.describe("x", List.of("x >=1,<2", "x !=2")));
        assertNull(SpecUnion.describe("x", List.of("x >=1,<2", "y >=2,<3")));
        assertNull(SpecUnion.describe("x", List.of()));
    }
}
