package io.terrarium.conda.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Builds named briefly: file names when few, else version ranges that never span a version outside the group. */
class BuildRangesTest {
    private static List<PackageRecord> builds(String name, String... versions) {
        List<PackageRecord> out = new ArrayList<>();
        for (String v : versions) {
            for (String b : List.of("py311_0", "py312_0")) {
                out.add(PackageRecord.builder(name, v).build(b).build());
            }
        }
        return out;
    }

    @Test
    void fewBuildsAreNamedOneByOne() {
        List<PackageRecord> all = builds("x", "1.0", "2.0");
        assertEquals("x-2.0-py311_0, x-2.0-py312_0", BuildRanges.describe(all.subList(2, 4), all));
    }

    @Test
    void manyBuildsAreVersionRangesWithACount() {
        List<PackageRecord> all = builds("x", "1.0", "1.5", "2.0", "2.5", "3.0");
        List<PackageRecord> group = new ArrayList<>(builds("x", "1.0", "1.5", "2.5", "3.0"));
        // 2.0 is not in the group: the ranges stop before it
        assertEquals("x 1.0 to 1.5, 2.5 to 3.0 (8 builds)", BuildRanges.describe(group, all));
        assertEquals("x 1.0 to 3.0 (all 10 builds)", BuildRanges.describe(all, all));
    }

    @Test
    void manyRangesShowTheFirstAndTheLast() {
        List<PackageRecord> all = builds("x", "1", "2", "3", "4", "5", "6", "7", "8");
        List<PackageRecord> group = builds("x", "1", "3", "5", "7");
        assertEquals("x 1, ..., 7 (4 version ranges, 8 builds)", BuildRanges.describe(group, all));
    }
}
