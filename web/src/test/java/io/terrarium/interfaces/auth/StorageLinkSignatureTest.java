package io.terrarium.interfaces.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StorageLinkSignatureTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final StorageLinkSignature links = new StorageLinkSignature(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aSignatureHoldsForItsKeyUntilItsExpiry() {
        long expires = links.expiresIn(300);
        String signature = links.sign("logs/k.log", expires);
        assertTrue(links.verify("logs/k.log", expires, signature));
        assertFalse(links.verify("logs/k2.log", expires, signature), "another key");
        assertFalse(links.verify("logs/k.log", expires + 1, signature), "another expiry");
        assertFalse(links.verify("logs/k.log", expires, signature.substring(1)), "a tampered signature");
        assertFalse(links.verify("logs/k.log", expires, "not base64!"), "garbage");
        assertFalse(links.verify("logs/k.log", expires, null), "no signature");
    }

    @Test
    void anExpiredLinkOrAnotherStoresSignatureIsRefused() {
        long past = NOW.getEpochSecond() - 1;
        assertFalse(links.verify("logs/k.log", past, links.sign("logs/k.log", past)));
        StorageLinkSignature otherStore = new StorageLinkSignature(
                "another secret of thirty-two bytes!".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        long expires = links.expiresIn(300);
        assertNotEquals(links.sign("logs/k.log", expires), otherStore.sign("logs/k.log", expires));
        assertFalse(links.verify("logs/k.log", expires, otherStore.sign("logs/k.log", expires)));
    }
}
