package io.terrarium.interfaces.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.security.Caller;
import io.terrarium.application.security.Role;
import io.terrarium.application.security.RoleBindings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredefinedTokensTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void aListedTokenIsItsEntityAndAnythingElseIsNobody() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, """
                {"ci-token-1234": {"name": "ci", "primary_namespace": "builds",
                                   "role_bindings": {"builds/*": ["developer"]}},
                 "portal-token-99": {"name": "portal", "role_bindings": {"*/*": ["viewer"]},
                                     "exp": "2027-01-01T00:00:00Z"},
                 "old-token-0000": {"name": "old", "exp": 1700000000}}
                """);
        PredefinedTokens tokens = new PredefinedTokens(file, CLOCK);
        assertEquals(
                new Caller(true, "ci", "builds", RoleBindings.of("builds/*", Role.DEVELOPER), null),
                tokens.lookup("ci-token-1234").orElseThrow());
        Caller portal = tokens.lookup("portal-token-99").orElseThrow();
        assertEquals("portal", portal.primaryNamespace(), "the name when no primary namespace is given");
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), portal.expiration());
        assertTrue(tokens.lookup("old-token-0000").isEmpty(), "expired");
        assertTrue(tokens.lookup("ci-token-123").isEmpty());
        assertTrue(tokens.lookup("").isEmpty());
    }

    @Test
    void theFileIsReadAgainWhenItChanges() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{\"first-token\": {\"name\": \"a\"}}");
        PredefinedTokens tokens = new PredefinedTokens(file, CLOCK);
        assertTrue(tokens.lookup("first-token").isPresent());
        Files.writeString(file, "{\"second-token\": {\"name\": \"b\"}}");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        assertTrue(tokens.lookup("first-token").isEmpty());
        assertEquals("b", tokens.lookup("second-token").orElseThrow().name());
    }

    @Test
    void aBrokenFileIsRefusedWithWhereItBroke() throws Exception {
        Path file = dir.resolve("tokens.json");
        Files.writeString(file, "{\"good-token\": {\"name\": \"a\", \"role_bindings\": {\"a/*\": [\"boss\"]}}}");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new PredefinedTokens(file, CLOCK));
        assertTrue(e.getMessage().contains("entry 1 (a)") && e.getMessage().contains("boss"), e.getMessage());
        Files.writeString(file, "{\"short\": {\"name\": \"a\"}}");
        e = assertThrows(IllegalArgumentException.class, () -> new PredefinedTokens(file, CLOCK));
        assertTrue(e.getMessage().contains("at least 8 characters"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PredefinedTokens(dir.resolve("missing.json"), CLOCK));
    }
}
