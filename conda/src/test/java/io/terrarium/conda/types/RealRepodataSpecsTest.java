package io.terrarium.conda.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every version and every {@code depends}/{@code constrains} string in the real repodata of the test data (conda's
 * index files, rattler's pytorch channel, mamba's sudoku) parses, and every match spec reads back from its canonical
 * string to an equal spec that matches the same versions.
 */
class RealRepodataSpecsTest {
    private static final List<String> FILES = List.of(
            "conda/index.json",
            "conda/index2.json",
            "conda/index4.json",
            "conda/index5.json",
            "rattler/test-data/channels/pytorch/linux-64/repodata.json",
            "rattler/test-data/channels/dummy/linux-64/repodata.json",
            "mamba/libmamba/tests/data/repodata/sudoku.json");

    private final Set<String> versions = new LinkedHashSet<>();
    private final Set<String> specs = new LinkedHashSet<>();

    @Test
    void everyRealVersionAndSpecParsesAndRoundTrips() throws IOException {
        Path root = Path.of(System.getProperty("terrarium.testdata"));
        for (String f : FILES) {
            collect(root.resolve(f));
        }
        assertTrue(versions.size() > 1_500, "versions found: " + versions.size());
        assertTrue(specs.size() > 1_000, "specs found: " + specs.size());

        List<Version> parsedVersions = new ArrayList<>();
        for (String v : versions) {
            parsedVersions.add(Version.parse(v));
        }

        List<String> problems = new ArrayList<>();
        for (String text : specs) {
            MatchSpec spec;
            try {
                spec = MatchSpec.parse(text);
            } catch (MatchSpecParseException e) {
                problems.add(e.getMessage());
                continue;
            }
            MatchSpec again = MatchSpec.parse(spec.toString());
            if (!again.equals(spec)) {
                problems.add(text + " -> " + spec + " -> " + again);
            }
            VersionSpec first = spec.version() == null ? VersionSpec.ANY : spec.version();
            VersionSpec second = again.version() == null ? VersionSpec.ANY : again.version();
            if (first != VersionSpec.ANY) {
                for (int i = 0; i < parsedVersions.size(); i += 7) {
                    Version v = parsedVersions.get(i);
                    if (first.matches(v) != second.matches(v)) {
                        problems.add(text + " and its canonical form disagree on " + v);
                    }
                }
            }
        }
        assertEquals(List.of(), problems.subList(0, Math.min(20, problems.size())), problems.size() + " problems");
    }

    /** Streams a repodata or index file, collecting version strings and dependency specs. */
    private void collect(Path file) throws IOException {
        try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
            while (p.nextToken() != null) {
                if (p.currentToken() != JsonToken.FIELD_NAME) {
                    continue;
                }
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("version") && value == JsonToken.VALUE_STRING) {
                    versions.add(p.getText());
                } else if ((field.equals("depends") || field.equals("constrains")) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        specs.add(p.getText());
                    }
                }
            }
        }
    }
}
