package io.terrarium.domain.model.specification;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Submitted specifications and lockfiles are held to the YAML limits, with conda-store's "Invalid YAML" prefix. */
class SpecificationTextLimitsTest {

    private static String bomb() {
        StringBuilder yaml = new StringBuilder("name: bomb\nl0: &l0 [lol, lol, lol]\n");
        for (int level = 1; level <= 16; level++) {
            String below = "*l" + (level - 1);
            yaml.append("l")
                    .append(level)
                    .append(": &l")
                    .append(level)
                    .append(" [")
                    .append(below)
                    .append(", ")
                    .append(below)
                    .append(", ")
                    .append(below)
                    .append("]\n");
        }
        return yaml.append("dependencies: *l16\n").toString();
    }

    @Test
    void anAliasBombIsRefusedAsInvalidYamlAtOnce() {
        long started = System.nanoTime();
        InvalidSpecificationException e =
                assertThrows(InvalidSpecificationException.class, () -> EnvironmentSpecification.parse(bomb()));
        assertTrue(e.getMessage().startsWith("Unable to parse. Invalid YAML: aliases expand"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1000);
        InvalidSpecificationException lock = assertThrows(
                InvalidSpecificationException.class,
                () -> LockfileSpecification.parse("version: 1\n" + bomb(), "locked", ""));
        assertTrue(lock.getMessage().contains("aliases expand"), lock.getMessage());
    }

    @Test
    void deepNestingIsRefusedAsInvalidYaml() {
        String deep = "name: deep\ndependencies: " + "[".repeat(50_000) + "]".repeat(50_000);
        InvalidSpecificationException e =
                assertThrows(InvalidSpecificationException.class, () -> EnvironmentSpecification.parse(deep));
        assertTrue(e.getMessage().contains("nests deeper than"), e.getMessage());
    }
}
