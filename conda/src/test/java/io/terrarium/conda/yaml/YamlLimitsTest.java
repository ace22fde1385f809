package io.terrarium.conda.yaml;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.env.EnvironmentSpec;
import io.terrarium.conda.env.EnvironmentSpecException;
import io.terrarium.conda.lock.CondaLockYaml;
import io.terrarium.conda.lock.LockfileFormatException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.LoadSettings;

class YamlLimitsTest {

    private static final LoadSettings SETTINGS = LoadSettings.builder().build();

    /** {@code levels} levels of {@code fanOut} aliases each: fanOut^levels nodes from a few hundred bytes. */
    static String bomb(int levels, int fanOut) {
        StringBuilder yaml = new StringBuilder("name: bomb\nl0: &l0 [lol, lol, lol]\n");
        for (int level = 1; level <= levels; level++) {
            yaml.append("l").append(level).append(": &l").append(level).append(" [");
            for (int k = 0; k < fanOut; k++) {
                yaml.append(k == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            yaml.append("]\n");
        }
        return yaml.append("dependencies: *l").append(levels).append('\n').toString();
    }

    @Test
    void billionLaughsIsRefusedByItsExpansionQuickly() {
        long started = System.nanoTime();
        YamlLimitException e = assertThrows(YamlLimitException.class, () -> YamlLimits.check(bomb(16, 3), SETTINGS));
        assertTrue(e.getMessage().contains("aliases expand the document beyond"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1000);
    }

    @Test
    void tooManyAliasesAreRefusedEvenWhenEachIsSmall() {
        StringBuilder yaml = new StringBuilder("a: &a x\nb: [");
        for (int i = 0; i <= YamlLimits.MAX_ALIASES; i++) {
            yaml.append(i == 0 ? "" : ", ").append("*a");
        }
        YamlLimitException e = assertThrows(YamlLimitException.class, () -> YamlLimits.check(yaml + "]\n", SETTINGS));
        assertTrue(e.getMessage().contains("more than " + YamlLimits.MAX_ALIASES + " aliases"), e.getMessage());
    }

    @Test
    void deepNestingIsRefusedBeforeTheComposerRecurses() {
        String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000);
        YamlLimitException e = assertThrows(YamlLimitException.class, () -> YamlLimits.check(deep, SETTINGS));
        assertTrue(e.getMessage().contains("nests deeper than 64 levels"), e.getMessage());
    }

    @Test
    void ordinaryDocumentsWithAFewAliasesPass() {
        assertDoesNotThrow(() -> YamlLimits.check(bomb(3, 3), SETTINGS));
        assertDoesNotThrow(
                () -> YamlLimits.check("name: x\nchannels: [demo]\ndependencies: [python, numpy]\n", SETTINGS));
    }

    @Test
    void theEnginesParsersApplyTheLimits() {
        EnvironmentSpecException env =
                assertThrows(EnvironmentSpecException.class, () -> EnvironmentSpec.parse(bomb(16, 3)));
        assertTrue(env.getMessage().contains("aliases expand"), env.getMessage());
        LockfileFormatException lock = assertThrows(
                LockfileFormatException.class, () -> CondaLockYaml.parse("version: 1\n" + bomb(16, 3), "bomb.yml"));
        assertTrue(lock.getMessage().contains("aliases expand"), lock.getMessage());
    }
}
