package io.terrarium.infrastructure.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Roles, build concurrency and the solve memory budget of a process, as {@link TerrariumConfig} reads them. */
class TerrariumConfigTest {

    private static final long MB = 1024 * 1024;

    @Test
    void rolesAreApiWorkerOrBoth() {
        assertEquals(List.of("api", "worker"), TerrariumConfig.parseRoles("api,worker"));
        assertEquals(List.of("api", "worker"), TerrariumConfig.parseRoles(" Worker , api "));
        assertEquals(List.of("api"), TerrariumConfig.parseRoles("api"));
        assertEquals(List.of("worker"), TerrariumConfig.parseRoles("worker"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TerrariumConfig.parseRoles("api,builder"));
        assertTrue(e.getMessage().startsWith("terrarium.worker.roles: 'builder' is not a role"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TerrariumConfig.parseRoles(" , "));
    }

    @Test
    void oneBuildPerTwoCoresAndAtLeastOne() {
        assertEquals(1, TerrariumConfig.defaultConcurrency(1));
        assertEquals(1, TerrariumConfig.defaultConcurrency(2));
        assertEquals(4, TerrariumConfig.defaultConcurrency(8));
    }

    @Test
    void theSolveBudgetIsSixtyPercentOfTheHeapLessTheServerSharedByTheSlots() {
        assertEquals(310, TerrariumConfig.defaultSolveBudgetMb(768 * MB, 1));
        assertEquals(2307, TerrariumConfig.defaultSolveBudgetMb(4096 * MB, 1));
        assertEquals(576, TerrariumConfig.defaultSolveBudgetMb(4096 * MB, 4));
        assertEquals(64, TerrariumConfig.defaultSolveBudgetMb(256 * MB, 1), "never below 64 MB");
    }

    @Test
    void roleMappingsVersionIsOneOrTwo() {
        assertEquals(1, TerrariumConfig.parseRoleMappingsVersion("1"));
        assertEquals(2, TerrariumConfig.parseRoleMappingsVersion("2"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TerrariumConfig.parseRoleMappingsVersion("3"));
        assertTrue(e.getMessage().contains(TerrariumConfig.ROLE_MAPPINGS_VERSION));
    }
}
