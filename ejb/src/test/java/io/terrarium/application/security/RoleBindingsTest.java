package io.terrarium.application.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoleBindingsTest {

    @Test
    void patternsMatchResourcesAsCondaStoreDoes() {
        assertTrue(ArnPattern.parse("default/*").matches("default/env"));
        assertTrue(ArnPattern.parse("default/*").matches("default"), "a namespace binding covers the namespace");
        assertTrue(ArnPattern.parse("*/*").matches(""), "*/* covers the global ARN");
        assertFalse(ArnPattern.parse("default/*").matches(""));
        assertTrue(ArnPattern.parse("team-*/py*").matches("team-a/python"));
        assertFalse(ArnPattern.parse("team-*/py*").matches("team-a/r"));
        assertFalse(ArnPattern.parse("a.b/*").matches("axb/env"), "literal parts are not regular expressions");
        assertThrows(IllegalArgumentException.class, () -> ArnPattern.parse("no-slash"));
        assertThrows(IllegalArgumentException.class, () -> ArnPattern.parse("a/b/c"));
    }

    @Test
    void likePatternsEscapeSqlWildcards() {
        ArnPattern pattern = ArnPattern.parse("a_b/*");
        assertEquals("a\\_b", pattern.namespaceLike());
        assertEquals("%", pattern.nameLike());
    }

    @Test
    void rolesGrantConditionallyOnMatchingBindings() {
        RoleBindings bindings = RoleBindings.parse(Map.of("default/*", List.of("viewer"), "team/*", List.of("editor")));
        assertTrue(bindings.allows(Permission.ENVIRONMENT_READ, "default/x"));
        assertFalse(bindings.allows(Permission.ENVIRONMENT_CREATE, "default/x"));
        assertTrue(bindings.allows(Permission.ENVIRONMENT_CREATE, "team/x"));
        assertFalse(bindings.allows(Permission.ENVIRONMENT_DELETE, "team/x"), "developer may not delete");
        assertEquals(Map.of("team/*", List.of("developer"), "default/*", List.of("viewer")), bindings.toWire());
        assertThrows(IllegalArgumentException.class, () -> RoleBindings.parse(Map.of("x/*", List.of("owner"))));
    }

    @Test
    void laterSourcesReplaceAnArnsRolesInsteadOfAddingToThem() {
        RoleBindings merged =
                RoleBindings.of("team/*", Role.ADMIN).overriddenBy(RoleBindings.of("team/*", Role.VIEWER));
        assertFalse(merged.allows(Permission.ENVIRONMENT_CREATE, "team/x"));
    }

    @Test
    void newTokensMayOnlyNarrow() {
        RoleBindings caller =
                RoleBindings.parse(Map.of("team-*/*", List.of("developer"), "default/*", List.of("viewer")));
        assertTrue(caller.covers(RoleBindings.of("team-a/*", Role.VIEWER)));
        assertTrue(caller.covers(RoleBindings.of("team-a/env", Role.DEVELOPER)));
        assertFalse(caller.covers(RoleBindings.of("team-a/*", Role.ADMIN)));
        assertFalse(caller.covers(RoleBindings.of("*/*", Role.VIEWER)));
        assertFalse(caller.covers(RoleBindings.of("default/*", Role.DEVELOPER)));
        assertTrue(RoleBindings.of("*/*", Role.ADMIN).covers(caller));
    }
}
