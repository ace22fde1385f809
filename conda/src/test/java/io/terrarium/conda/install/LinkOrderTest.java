package io.terrarium.conda.install;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.terrarium.conda.types.PackageRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkOrderTest {

    private static PackageRecord rec(String name, String... depends) {
        return PackageRecord.builder(name, "1.0")
                .build("0")
                .depends(List.of(depends))
                .build();
    }

    private static List<String> names(List<PackageRecord> records) {
        return records.stream().map(PackageRecord::name).toList();
    }

    @Test
    void dependenciesComeBeforeTheirDependents() {
        List<PackageRecord> byName =
                List.of(rec("app", "python >=3.10", "zlib"), rec("python", "zlib 1.*"), rec("zlib"));
        assertEquals(List.of("zlib", "python", "app"), names(LinkOrder.sort(byName)));
    }

    @Test
    void dependenciesOutsideTheListAreIgnored() {
        assertEquals(List.of("a", "b"), names(LinkOrder.sort(List.of(rec("a", "__glibc >=2.17"), rec("b", "a")))));
    }

    @Test
    void aCycleIsBrokenWhereItCloses() {
        List<PackageRecord> sorted = LinkOrder.sort(List.of(rec("x", "y"), rec("y", "x"), rec("z")));
        assertEquals(List.of("y", "x", "z"), names(sorted));
    }

    @Test
    void rootsAndDependenciesAreVisitedByNameWhateverTheGivenOrder() {
        List<PackageRecord> records = List.of(rec("zeta"), rec("app", "mid", "beta"), rec("mid"), rec("beta"));
        List<String> expected = List.of("beta", "mid", "app", "zeta");
        assertEquals(expected, names(LinkOrder.sort(records)));
        List<PackageRecord> reversed = List.of(records.get(3), records.get(2), records.get(1), records.get(0));
        assertEquals(expected, names(LinkOrder.sort(reversed)));
    }

    @Test
    void pythonIsLinkedBeforePipAlthoughItsRecordDependsOnPip() {
        List<PackageRecord> records =
                List.of(rec("pip", "python >=3.8", "setuptools"), rec("python", "pip"), rec("setuptools", "python"));
        assertEquals(List.of("python", "setuptools", "pip"), names(LinkOrder.sort(records)));
    }
}
