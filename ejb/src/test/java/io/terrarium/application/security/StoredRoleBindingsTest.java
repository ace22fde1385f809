package io.terrarium.application.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.infrastructure.persistence.NamespaceRoleMappingRepository.Grant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredRoleBindingsTest {

    @Test
    void v1RowsBindTheirEntityPatternAndCollectTheRolesOfOnePattern() {
        RoleBindings bindings = StoredRoleBindings.fromGrants(
                List.of(new Grant("team-*/*", "viewer"), new Grant("team-*/*", "developer"), new Grant("x/y", "admin")),
                false);
        assertEquals(Map.of("team-*/*", List.of("developer", "viewer"), "x/y", List.of("admin")), bindings.toWire());
        assertTrue(bindings.allows(Permission.ENVIRONMENT_CREATE, "team-a/env"));
        assertFalse(bindings.allows(Permission.ENVIRONMENT_DELETE, "team-a/env"));
        assertTrue(bindings.allows(Permission.ENVIRONMENT_DELETE, "x/y"));
    }

    @Test
    void v2RowsBindTheWholeNamespaceTheyGiveAccessTo() {
        RoleBindings bindings =
                StoredRoleBindings.fromGrants(List.of(new Grant("team", "viewer"), new Grant("lab", "admin")), true);
        assertEquals(Map.of("team/*", List.of("viewer"), "lab/*", List.of("admin")), bindings.toWire());
        assertTrue(bindings.allows(Permission.NAMESPACE_READ, "team"));
        assertTrue(bindings.allows(Permission.ENVIRONMENT_READ, "team/any"));
        assertFalse(bindings.allows(Permission.ENVIRONMENT_READ, "teams/any"));
    }

    @Test
    void aRowWrittenAroundTheApiWithABadArnOrRoleIsIgnored() {
        RoleBindings bindings = StoredRoleBindings.fromGrants(
                List.of(new Grant("no slash", "viewer"), new Grant("ok/*", "owner"), new Grant("ok/*", "viewer")),
                false);
        assertEquals(Map.of("ok/*", List.of("viewer")), bindings.toWire());
        assertEquals(RoleBindings.NONE, StoredRoleBindings.fromGrants(List.of(), true));
    }
}
