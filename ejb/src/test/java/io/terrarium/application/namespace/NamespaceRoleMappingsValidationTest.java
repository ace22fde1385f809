package io.terrarium.application.namespace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.RequestRejectedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The v1 role mappings of {@code PUT /api/v1/namespace/{ns}/} as they are checked before anything is stored. */
class NamespaceRoleMappingsValidationTest {

    @Test
    void editorIsStoredAsDeveloperAndARoleNamedTwiceOnce() {
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        wanted.put("team-*/*", List.of("viewer", "editor", "developer"));
        wanted.put("*/*", List.of("admin"));
        assertEquals(
                List.of(Map.entry("team-*/*", "viewer"), Map.entry("team-*/*", "developer"), Map.entry("*/*", "admin")),
                NamespaceService.validated(wanted));
    }

    @Test
    void anInvalidArnOrRoleIsA400NamingIt() {
        RequestRejectedException arn = assertThrows(
                RequestRejectedException.class, () -> NamespaceService.validated(Map.of("team", List.of("viewer"))));
        assertEquals(RequestRejectedException.Reason.INVALID, arn.reason());
        assertTrue(arn.getMessage().contains("invalid ARN 'team'"), arn.getMessage());
        RequestRejectedException role = assertThrows(
                RequestRejectedException.class, () -> NamespaceService.validated(Map.of("team/*", List.of("owner"))));
        assertEquals(RequestRejectedException.Reason.INVALID, role.reason());
        assertTrue(role.getMessage().contains("invalid role 'owner'"), role.getMessage());
        assertTrue(role.getMessage().contains("team/*"), role.getMessage());
    }

    @Test
    void noMappingsAtAllIsValidAndRemovesThemAll() {
        assertEquals(List.of(), NamespaceService.validated(Map.of()));
    }
}
