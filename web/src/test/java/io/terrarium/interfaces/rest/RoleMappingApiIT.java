package io.terrarium.interfaces.rest;

import static io.terrarium.interfaces.rest.ApiCalls.awaitEnd;
import static io.terrarium.interfaces.rest.ApiCalls.data;
import static io.terrarium.interfaces.rest.ApiCalls.error;
import static io.terrarium.interfaces.rest.ApiCalls.json;
import static io.terrarium.interfaces.rest.ApiCalls.list;
import static io.terrarium.interfaces.rest.ApiCalls.submit;
import static io.terrarium.interfaces.rest.ApiCalls.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.it.ItTokens;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Namespace role mappings v1 and v2 through the API, and the lists that show each caller only what it may read.
 *
 * <p>The H2 server runs with {@code terrarium.auth.role-mappings-version} 1 (conda-store's default) and the
 * PostgreSQL server with 2 ({@code -Dterrarium.it.role-mappings-version} tells the tests which): on each, the
 * mappings of its version grant and revoke access and those of the other version grant nothing.
 */
@MicroShedTest
public class RoleMappingApiIT {

    private static final CondaStoreApi admin = ApiCalls.client(ItTokens.ADMIN);
    private static final CondaStoreApi viewer = ApiCalls.client(ItTokens.VIEWER);
    private static final CondaStoreApi team = ApiCalls.client(ItTokens.TEAM);
    private static final CondaStoreApi anonymous = ApiCalls.client(null);

    private static final int VERSION = Integer.getInteger("terrarium.it.role-mappings-version", 1);

    /** A namespace of nobody's, with an environment {@code env} whose build ended. */
    private static String shared;

    private static long sharedBuild;

    @BeforeAll
    static void fixtures() throws InterruptedException {
        for (String existing : List.of("team", "default")) {
            int status = admin.createNamespace(existing).getStatus();
            assertTrue(status == 200 || status == 409, "create " + existing + ": " + status);
        }
        shared = unique("shared");
        sharedBuild = submit(admin, "name: env\nchannels: [demo]\ndependencies: [hello]\n", shared);
        long teamBuild = submit(admin, "name: own\nchannels: [demo]\ndependencies: [hello]\n", "team");
        awaitEnd(admin, sharedBuild);
        awaitEnd(admin, teamBuild);
    }

    @Test
    void v2MappingsKeepConformingCodesAndMessages() throws Exception {
        String ns = unique("grant");
        String other = unique("grantee");
        json(admin.createNamespace(ns), 200);
        json(admin.createNamespace(other), 200);
        assertEquals(List.of(), list(admin.namespaceRoles(ns)));

        json(admin.createNamespaceRole(ns, role(other, "editor")), 200);
        Map<String, Object> mapping = data(admin.namespaceRole(ns, other));
        assertEquals(Set.of("id", "namespace", "other_namespace", "role"), mapping.keySet());
        assertEquals(ns, mapping.get("namespace"));
        assertEquals(other, mapping.get("other_namespace"));
        assertEquals("developer", mapping.get("role"), "editor is stored as developer");
        assertEquals(List.of(mapping), list(admin.namespaceRoles(ns)));
        assertTrue(
                error(admin.createNamespaceRole(ns, role(other, "admin")), 409).contains("already has a role"));

        json(admin.updateNamespaceRole(ns, role(other, "admin")), 200);
        assertEquals("admin", data(admin.namespaceRole(ns, other)).get("role"));
        assertTrue(
                error(admin.updateNamespaceRole(ns, role(other, "owner")), 400).contains("invalid role 'owner'"));
        assertEquals("Namespace='" + ns + "-none' not found", error(admin.namespaceRole(ns, ns + "-none"), 400));
        assertEquals("namespace does not exist", error(admin.namespaceRoles(ns + "-none"), 404));
        assertEquals("request not authorized", error(anonymous.namespaceRoles(ns + "-none"), 403));

        // conda-store's DELETE takes the other namespace in a JSON body
        assertEquals(
                200, deleteWithBody("/api/v1/namespace/" + ns + "/role", "{\"other_namespace\": \"" + other + "\"}"));
        assertEquals("failed to find role", error(admin.namespaceRole(ns, other), 404));
        assertEquals("failed to find role", error(admin.updateNamespaceRole(ns, role(other, "viewer")), 404));
        json(admin.deleteNamespaceRole(ns, other), 200);

        json(admin.createNamespaceRole(ns, role(other, "viewer")), 200);
        json(admin.deleteNamespaceRoles(ns), 200);
        assertEquals(List.of(), list(admin.namespaceRoles(ns)));

        // a deleted namespace takes its mappings along: created again, it has none
        json(admin.createNamespaceRole(ns, role(other, "viewer")), 200);
        json(admin.deleteNamespace(other), 200);
        json(admin.createNamespace(other), 200);
        assertEquals(List.of(), list(admin.namespaceRoles(ns)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void v1MappingsAreReplacedAsAWholeAndValidatedFirst() {
        String ns = unique("mapped");
        json(admin.createNamespace(ns), 200);
        json(
                admin.updateNamespace(
                        ns, "{\"role_mappings\": {\"x-*/*\": [\"viewer\", \"editor\"], \"*/*\": [\"admin\"]}}"),
                200);
        assertEquals(
                List.of(List.of("x-*/*", "viewer"), List.of("x-*/*", "developer"), List.of("*/*", "admin")),
                entityRoles(ns));
        List<Map<String, Object>> stored =
                (List<Map<String, Object>>) data(admin.namespace(ns)).get("role_mappings");
        stored.forEach(m -> assertEquals(Set.of("id", "entity", "role"), m.keySet()));

        assertTrue(error(admin.updateNamespace(ns, "{\"role_mappings\": {\"team\": [\"viewer\"]}}"), 400)
                .contains("invalid ARN 'team'"));
        assertTrue(error(admin.updateNamespace(ns, "{\"role_mappings\": {\"x/*\": [\"owner\"]}}"), 400)
                .contains("invalid role 'owner'"));
        assertTrue(error(admin.updateNamespace(ns, "{\"role_mappings\": {\"x/*\": \"viewer\"}}"), 400)
                .contains("must be a list"));
        json(admin.updateNamespace(ns, "{\"metadata\": {\"a\": 1}}"), 200);
        assertEquals(3, entityRoles(ns).size(), "refused updates and a metadata update keep the mappings");

        json(admin.updateNamespace(ns, "{\"role_mappings\": {}}"), 200);
        assertEquals(List.of(), entityRoles(ns));

        json(admin.updateNamespace(ns, "{\"role_mappings\": {\"x/*\": [\"viewer\"]}}"), 200);
        json(admin.deleteNamespace(ns), 200);
        json(admin.createNamespace(ns), 200);
        assertEquals(List.of(), entityRoles(ns), "a namespace created again starts without mappings");
    }

    /** The team token reads the shared namespace only while a mapping of the server's version says so. */
    @Test
    void mappingsOfTheConfiguredVersionGrantAndRevokeAccess() {
        assertHidden();
        json(admin.createNamespaceRole(shared, role("team", "viewer")), 200);
        try {
            if (VERSION == 2) {
                assertVisibleToTeamAsViewer();
            } else {
                assertHidden();
            }
        } finally {
            json(admin.deleteNamespaceRole(shared, "team"), 200);
        }
        assertHidden();

        json(admin.updateNamespace("team", "{\"role_mappings\": {\"" + shared + "/*\": [\"viewer\"]}}"), 200);
        try {
            if (VERSION == 1) {
                assertVisibleToTeamAsViewer();
            } else {
                assertHidden();
            }
        } finally {
            json(admin.updateNamespace("team", "{\"role_mappings\": {}}"), 200);
        }
        assertHidden();
    }

    /** Every entity is admin of its primary namespace; v1 mappings on it must not make it admin of more. */
    @Test
    void aNamespaceAdminCannotMapMoreThanItHolds() {
        assertTrue(error(team.updateNamespace("team", "{\"role_mappings\": {\"*/*\": [\"admin\"]}}"), 403)
                .startsWith("request not authorized"));
        assertTrue(error(team.updateNamespace("team", "{\"role_mappings\": {\"" + shared + "/*\": [\"viewer\"]}}"), 403)
                .startsWith("request not authorized"));
        assertEquals(List.of(), entityRoles("team"));
        try {
            json(team.updateNamespace("team", "{\"role_mappings\": {\"team/*\": [\"viewer\"]}}"), 200);
            assertEquals(List.of(List.of("team/*", "viewer")), entityRoles("team"));
        } finally {
            json(admin.updateNamespace("team", "{\"role_mappings\": {}}"), 200);
        }
    }

    @Test
    void listsShowEachCallerOnlyWhatItMayRead() {
        Set<String> anonymousMayRead = Set.of("default");
        Set<String> teamMayRead = Set.of("default", "filesystem", "team");
        assertListsWithin(anonymous, anonymousMayRead);
        assertListsWithin(team, teamMayRead);
        assertTrue(namespaceNames(team).contains("team"));
        assertTrue(environmentNamespaces(team).contains("team"));
        assertTrue(usage(team).contains("team"));

        // the viewer of every namespace may see more than a page holds: ask for the shared namespace's rows
        assertEquals(
                1,
                ((List<?>) json(viewer.environmentsPage(shared, null, 1, 100), 200)
                                .get("data"))
                        .size());
        assertEquals(
                1,
                ((List<?>) json(viewer.environmentsV2(shared, 100, null, null), 200)
                                .get("data"))
                        .size());
        assertEquals(
                sharedBuild,
                ((Number) list(viewer.builds(shared, "env", null, null)).get(0).get("id")).longValue());
        assertTrue(usage(viewer).contains(shared));

        // jwt restricts the v1 list to what that token may read, never beyond what the caller may read
        Set<String> viaTeamToken = environmentNamespaces(viewer, ItTokens.TEAM);
        assertTrue(teamMayRead.containsAll(viaTeamToken), viaTeamToken::toString);
        assertTrue(viaTeamToken.contains("team"));
        Set<String> anonymousViaAdminToken = environmentNamespaces(anonymous, ItTokens.ADMIN);
        assertTrue(anonymousMayRead.containsAll(anonymousViaAdminToken), anonymousViaAdminToken::toString);
        assertTrue(
                error(viewer.environmentsPage(null, "not-a-token", 1, 100), 400).startsWith("jwt: "));

        // page and count agree: v1 pages of one, v2 cursor pages of one
        Map<String, Object> first = json(viewer.environmentsPage(null, null, 1, 1), 200);
        long count = ((Number) first.get("count")).longValue();
        assertEquals(1, ((List<?>) first.get("data")).size());
        Map<String, Object> last = json(viewer.environmentsPage(null, null, (int) count, 1), 200);
        assertEquals(count, ((Number) last.get("count")).longValue());
        assertEquals(1, ((List<?>) last.get("data")).size());
        assertEquals(
                0,
                ((List<?>) json(viewer.environmentsPage(null, null, (int) count + 1, 1), 200)
                                .get("data"))
                        .size());
    }

    private static void assertListsWithin(CondaStoreApi caller, Set<String> readable) {
        assertTrue(readable.containsAll(namespaceNames(caller)), () -> "namespaces " + namespaceNames(caller));
        assertTrue(
                readable.containsAll(environmentNamespaces(caller)),
                () -> "environments " + environmentNamespaces(caller));
        assertTrue(
                readable.containsAll(environmentV2Namespaces(caller, 1)),
                () -> "v2 environments " + environmentV2Namespaces(caller, 1));
        assertTrue(readable.containsAll(usage(caller)), () -> "usage " + usage(caller));
        assertFalse(buildIds(caller).contains(sharedBuild));
    }

    private static void assertHidden() {
        assertEquals("request not authorized", error(team.environment(shared, "env"), 403));
        assertEquals("request not authorized", error(team.namespace(shared), 403));
        assertEquals("request not authorized", error(team.build(sharedBuild), 403));
        assertFalse(namespaceNames(team).contains(shared));
        assertFalse(environmentNamespaces(team).contains(shared));
        assertFalse(environmentV2Namespaces(team, 1).contains(shared));
        assertFalse(buildIds(team).contains(sharedBuild));
        assertFalse(usage(team).contains(shared));
    }

    private static void assertVisibleToTeamAsViewer() {
        assertEquals("env", data(team.environment(shared, "env")).get("name"));
        assertEquals(shared, data(team.namespace(shared)).get("name"));
        assertEquals(sharedBuild, ((Number) data(team.build(sharedBuild)).get("id")).longValue());
        assertTrue(namespaceNames(team).contains(shared));
        assertTrue(environmentNamespaces(team).contains(shared));
        assertTrue(environmentV2Namespaces(team, 1).contains(shared));
        assertTrue(buildIds(team).contains(sharedBuild));
        assertTrue(usage(team).contains(shared));
        // a viewer, not a developer
        assertEquals(
                "request not authorized",
                error(team.updateEnvironment(shared, "env", "{\"description\": \"mine now\"}"), 403));
        assertEquals("request not authorized", error(team.deleteEnvironment(shared, "env"), 403));
    }

    private static String role(String otherNamespace, String role) {
        return "{\"other_namespace\": \"" + otherNamespace + "\", \"role\": \"" + role + "\"}";
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> entityRoles(String ns) {
        List<List<String>> out = new ArrayList<>();
        for (Map<String, Object> m :
                (List<Map<String, Object>>) data(admin.namespace(ns)).get("role_mappings")) {
            out.add(List.of((String) m.get("entity"), (String) m.get("role")));
        }
        return out;
    }

    /**
     * Every item of the first and only page of 100, checking that the count is that of the visible rows (the callers
     * asked this way see a few namespaces only).
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> allOf(Map<String, Object> page) {
        List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("data");
        long count = ((Number) page.get("count")).longValue();
        assertEquals(count, items.size(), "count counts only the visible rows, all on one page");
        return items;
    }

    private static Set<String> namespaceNames(CondaStoreApi caller) {
        Set<String> names = new HashSet<>();
        allOf(json(caller.namespaces(1, 100), 200)).forEach(n -> names.add((String) n.get("name")));
        return names;
    }

    private static Set<String> environmentNamespaces(CondaStoreApi caller) {
        return environmentNamespaces(caller, null);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> environmentNamespaces(CondaStoreApi caller, String jwt) {
        Set<String> names = new HashSet<>();
        allOf(json(caller.environmentsPage(null, jwt, 1, 100), 200))
                .forEach(e -> names.add((String) ((Map<String, Object>) e.get("namespace")).get("name")));
        return names;
    }

    /** Walks the v2 cursor pages of {@code limit}, checking that they hold {@code count} distinct environments. */
    @SuppressWarnings("unchecked")
    private static Set<String> environmentV2Namespaces(CondaStoreApi caller, int limit) {
        Set<String> names = new HashSet<>();
        Set<Long> ids = new HashSet<>();
        String cursor = null;
        long count = -1;
        for (int pages = 0; pages < 500; pages++) {
            Map<String, Object> page = json(caller.environmentsV2(null, limit, null, cursor), 200);
            count = ((Number) page.get("count")).longValue();
            List<Map<String, Object>> items = (List<Map<String, Object>>) page.get("data");
            if (items.isEmpty()) {
                break;
            }
            for (Map<String, Object> e : items) {
                assertTrue(ids.add(((Number) e.get("id")).longValue()), "an environment on two pages: " + e);
                names.add((String) ((Map<String, Object>) e.get("namespace")).get("name"));
            }
            cursor = (String) page.get("cursor");
        }
        assertEquals(count, ids.size(), "the pages hold exactly the counted environments");
        return names;
    }

    private static Set<Long> buildIds(CondaStoreApi caller) {
        Set<Long> ids = new HashSet<>();
        allOf(json(caller.buildsPage(1, 100), 200)).forEach(b -> ids.add(((Number) b.get("id")).longValue()));
        return ids;
    }

    private static Set<String> usage(CondaStoreApi caller) {
        return data(caller.usage()).keySet();
    }

    private static int deleteWithBody(String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(System.getProperty("terrarium.it.url") + path))
                .header("Authorization", ItTokens.bearer(ItTokens.ADMIN))
                .header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertTrue(response.body().contains("\"ok\""), () -> response.statusCode() + " " + response.body());
        return response.statusCode();
    }
}
