package io.terrarium.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkOrderTest {

    private static PackageRecord rec(String name, String... depends) {
        return PackageRecord.builder(name, "1.0").build("0").depends(List.of(depends)).build();
    }

    private static List<String> names(List<PackageRecord> records) {
        return records.stream().map(PackageRecord::name).toList();
    }

    @Test
    void dependenciesComeBeforeTheirDependents() {
        List<PackageRecord> byName = List.of(rec("app", "python >=3.10", "zlib"), rec("python", "zlib 1.*"),
                rec("zlib"));
        assertEquals(List.of("zlib", "python", "app"), names(LinkOrder.sort(byName)));
    }

    @Test
    void dependenciesOutsideTheListAreIgnored() {
        assertEquals(List.of("a", "b"), names(LinkOrder.sort(List.of(rec("a", "__glibc >=2.17"), rec("b", "a")))));
    }

    @Test
    void aCycleIsBrokenWithoutLosingRecords() {
        List<PackageRecord> sorted = LinkOrder.sort(List.of(rec("x", "y"), rec("y", "x"), rec("z")));
        assertEquals(List.of("y", "x", "z"), names(sorted));
    }
}
