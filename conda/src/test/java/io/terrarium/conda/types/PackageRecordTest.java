package io.terrarium.conda.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageRecordTest {

    @Test
    void nullExtraValuesFromIndexJsonAreDroppedNotFatal() {
        Map<String, Object> extra = new HashMap<>();
        extra.put("arch", null);
        extra.put("platform", "linux");
        PackageRecord record = PackageRecord.builder("zlib", "1.2.11")
                .build("h7b6447c_3")
                .extra(extra)
                .build();
        assertEquals(Map.of("platform", "linux"), record.extra());
        assertFalse(record.extra().containsKey("arch"));
    }

    @Test
    void recordWithExtrasSurvivesACopyThroughItsBuilder() {
        PackageRecord record = PackageRecord.builder("zlib", "1.2.11")
                .extra(Map.of("license_family", "Other"))
                .build();
        PackageRecord copy = record.toBuilder()
                .url("file:///ch/linux-64/zlib-1.2.11-0.conda")
                .build();
        assertEquals(Map.of("license_family", "Other"), copy.extra());
    }

    @Test
    void versionIsParsedFromTheRepodataText() {
        PackageRecord record =
                PackageRecord.builder("numpy", "1.7.1").build("py33_0").build();
        assertEquals("1.7.1", record.versionText());
        assertEquals(0, record.version().compareTo(Version.parse("1.7.1.0")));
        assertEquals("numpy-1.7.1-py33_0", record.dist());
    }
}
