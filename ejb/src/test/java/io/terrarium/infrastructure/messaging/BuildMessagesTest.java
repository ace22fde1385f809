package io.terrarium.infrastructure.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildMessagesTest {

    @Test
    void buildIdsRoundTrip() {
        assertEquals(42L, BuildMessages.decode(BuildMessages.encode(42L)));
        assertEquals(7L, BuildMessages.decode(" 7\n"));
    }

    @Test
    void garbageIsRejectedWithTheOffendingText() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> BuildMessages.decode("build-7"));
        assertTrue(e.getMessage().contains("'build-7'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BuildMessages.decode(""));
    }
}
