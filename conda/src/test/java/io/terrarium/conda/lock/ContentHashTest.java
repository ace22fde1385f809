package io.terrarium.conda.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentHashTest {
    @Test
    void hashesPythonStyleSortedJson() {
        assertEquals(
                "{\"a\": [\"x\", \"\\u00e9\"], \"b\": {\"c\": null}}",
                ContentHash.pythonJson(
                        Map.of("b", java.util.Collections.singletonMap("c", null), "a", List.of("x", "é"))));
        // sha256 of the empty string, a well-known value
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.sha256(""));
    }

    @Test
    void changesExactlyWhenTheInputsChange() {
        String h = ContentHash.of("linux-64", List.of("conda-forge"), List.of("numpy", "python=3.11"), Map.of());
        assertEquals(64, h.length());
        assertEquals(h, ContentHash.of("linux-64", List.of("conda-forge"), List.of("python=3.11", " numpy"), Map.of()));
        assertNotEquals(h, ContentHash.of("osx-64", List.of("conda-forge"), List.of("numpy", "python=3.11"), Map.of()));
        assertNotEquals(h, ContentHash.of("linux-64", List.of("bioconda"), List.of("numpy", "python=3.11"), Map.of()));
        assertNotEquals(h, ContentHash.of("linux-64", List.of("conda-forge"), List.of("numpy"), Map.of()));
        assertNotEquals(
                h,
                ContentHash.of(
                        "linux-64",
                        List.of("conda-forge"),
                        List.of("numpy", "python=3.11"),
                        Map.of("__glibc", "2.17")));
        assertNotEquals(
                ContentHash.of("linux-64", List.of("a", "b"), List.of(), Map.of()),
                ContentHash.of("linux-64", List.of("b", "a"), List.of(), Map.of()),
                "channel order matters");
    }
}
