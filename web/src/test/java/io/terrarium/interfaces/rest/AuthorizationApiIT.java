package io.terrarium.interfaces.rest;

import static io.terrarium.interfaces.rest.ApiCalls.awaitEnd;
import static io.terrarium.interfaces.rest.ApiCalls.json;
import static io.terrarium.interfaces.rest.ApiCalls.submit;
import static io.terrarium.interfaces.rest.ApiCalls.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.terrarium.conda.json.Json;
import io.terrarium.it.ItTokens;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * conda-store's permission table, route by route: every route is called by an anonymous caller, a viewer, a
 * developer and an admin of every namespace, and by the team token (admin of {@code team/*} only), and each answers
 * either what an allowed caller gets or 403 "request not authorized" (checked before the resource is looked up).
 *
 * <p>Where an allowed call would change something, the call is made on a resource for which the change is refused
 * after the permission check (a missing namespace, an unknown build id, a specification a setting rejects, a
 * finished build), so every caller sees the same state; the admin, who is allowed everything, calls last.
 */
@MicroShedTest
public class AuthorizationApiIT {

    /** The callers of the table, the admin last. */
    enum Caller {
        ANONYMOUS(null),
        VIEWER(ItTokens.VIEWER),
        DEVELOPER(ItTokens.DEVELOPER),
        TEAM(ItTokens.TEAM),
        ADMIN(ItTokens.ADMIN);

        final CondaStoreApi api;

        Caller(String token) {
            this.api = ApiCalls.client(token);
        }
    }

    private static final Set<Caller> EVERYONE = EnumSet.allOf(Caller.class);
    private static final Set<Caller> AUTHENTICATED = EnumSet.complementOf(EnumSet.of(Caller.ANONYMOUS));
    /** Who may read namespace {@link #ns}: every binding on {@code *}/{@code *}. */
    private static final Set<Caller> GLOBAL_READERS = EnumSet.of(Caller.VIEWER, Caller.DEVELOPER, Caller.ADMIN);

    private static final Set<Caller> GLOBAL_DEVELOPERS = EnumSet.of(Caller.DEVELOPER, Caller.ADMIN);
    private static final Set<Caller> GLOBAL_ADMIN = EnumSet.of(Caller.ADMIN);
    /** Who may read namespace team: the team token is its admin. */
    private static final Set<Caller> TEAM_READERS =
            EnumSet.of(Caller.VIEWER, Caller.DEVELOPER, Caller.TEAM, Caller.ADMIN);

    private static final Set<Caller> TEAM_DEVELOPERS = EnumSet.of(Caller.DEVELOPER, Caller.TEAM, Caller.ADMIN);
    private static final Set<Caller> TEAM_ADMINS = EnumSet.of(Caller.TEAM, Caller.ADMIN);

    private static final CondaStoreApi admin = Caller.ADMIN.api;

    private static String ns;
    private static long build;
    private static long buildOfDeletedEnvironment;

    /**
     * A namespace with one environment whose build completed, and a second environment built and then deleted;
     * namespaces team and default exist.
     */
    @BeforeAll
    static void fixtures() throws InterruptedException {
        ns = unique("authz");
        for (String existing : List.of("team", "default")) {
            int status = admin.createNamespace(existing).getStatus();
            assertEquals(true, status == 200 || status == 409, "create " + existing + ": " + status);
        }
        build = submit(admin, "name: env\nchannels: [demo]\ndependencies: [hello]\n", ns);
        buildOfDeletedEnvironment = submit(admin, "name: gone\nchannels: [demo]\ndependencies: [hello]\n", ns);
        assertEquals("COMPLETED", awaitEnd(admin, build));
        assertEquals("COMPLETED", awaitEnd(admin, buildOfDeletedEnvironment));
        json(admin.deleteEnvironment(ns, "gone"), 200);
        // submissions of an environment named 'refused' are refused after the permission check
        String required = "{\"conda_required_packages\": [\"not-in-any-spec\"]}";
        json(admin.putEnvironmentSettings(ns, "refused", required), 200);
        json(admin.putEnvironmentSettings("team", "refused", required), 200);
        json(admin.putEnvironmentSettings(ns + "-new", "refused", required), 200);
    }

    /** One route call, who may make it, and what an allowed caller gets. */
    record Row(String route, Function<CondaStoreApi, Response> call, Set<Caller> allowed, int allowedStatus) {}

    private static List<Row> table() {
        String missing = ns + "-missing";
        String refusedSpec =
                Json.write(Map.of("specification", "name: refused\ndependencies: [hello]\n", "namespace", ns));
        String refusedInNewNamespace =
                Json.write(Map.of("specification", "name: refused\ndependencies: [hello]\n", "namespace", ns + "-new"));
        String refusedInTeam =
                Json.write(Map.of("specification", "name: refused\ndependencies: [hello]\n", "namespace", "team"));
        String roleOfMissing = "{\"other_namespace\": \"" + missing + "\", \"role\": \"viewer\"}";
        List<Row> rows = new ArrayList<>();
        // status, permission, public catalog and lists (filtered, never refused)
        rows.add(new Row("GET /api/v1/", CondaStoreApi::version, EVERYONE, 200));
        rows.add(new Row("GET /api/v1/permission/", CondaStoreApi::permission, EVERYONE, 200));
        rows.add(new Row("GET /api/v1/channel/", CondaStoreApi::channels, EVERYONE, 200));
        rows.add(new Row("GET /api/v1/package/", a -> a.packages("hello", null, null), EVERYONE, 200));
        rows.add(new Row("GET /api/v1/usage/", CondaStoreApi::usage, EVERYONE, 200));
        rows.add(new Row("GET /api/v1/namespace/", a -> a.namespaces(null, null), EVERYONE, 200));
        rows.add(new Row(
                "GET /api/v1/environment/", a -> a.environments(null, null, null, null, null, null), EVERYONE, 200));
        rows.add(new Row("GET /api/v2/environment/", a -> a.environmentsV2(null, null, null, null), EVERYONE, 200));
        rows.add(new Row("GET /api/v1/build/", a -> a.builds(null, null, null, null), EVERYONE, 200));
        // Terrarium's worker list: only for who may read every environment
        rows.add(new Row("GET /api/v1/worker/", CondaStoreApi::workers, GLOBAL_READERS, 200));
        // solving costs a worker thread: environment::solve on the caller's primary namespace (pip is refused after)
        rows.add(new Row(
                "GET /api/v1/specification/",
                a -> a.solve(List.of("demo"), List.of("hello"), List.of("six"), null),
                AUTHENTICATED,
                400));
        // namespaces
        rows.add(new Row("GET /api/v1/namespace/{ns}/", a -> a.namespace(ns), GLOBAL_READERS, 200));
        rows.add(new Row("GET /api/v1/namespace/{missing}/", a -> a.namespace(missing), GLOBAL_READERS, 404));
        rows.add(new Row("GET /api/v1/namespace/team/", a -> a.namespace("team"), TEAM_READERS, 200));
        rows.add(new Row("GET /api/v1/namespace/default/", a -> a.namespace("default"), EVERYONE, 200));
        rows.add(new Row("POST /api/v1/namespace/{ns}/", a -> a.createNamespace(ns), GLOBAL_ADMIN, 409));
        rows.add(new Row("POST /api/v1/namespace/team/", a -> a.createNamespace("team"), TEAM_ADMINS, 409));
        rows.add(new Row(
                "PUT /api/v1/namespace/{ns}/",
                a -> a.updateNamespace(ns, "{\"metadata\": {\"owner\": \"x\"}}"),
                GLOBAL_ADMIN,
                200));
        rows.add(new Row(
                "PUT /api/v1/namespace/team/", a -> a.updateNamespace("team", "{\"metadata\": {}}"), TEAM_ADMINS, 200));
        rows.add(new Row("PUT /api/v1/namespace/{ns}/metadata", a -> a.namespaceMetadata(ns, "{}"), GLOBAL_ADMIN, 200));
        rows.add(new Row("DELETE /api/v1/namespace/{missing}/", a -> a.deleteNamespace(missing), GLOBAL_ADMIN, 404));
        rows.add(new Row("GET /api/v1/namespace/{ns}/roles", a -> a.namespaceRoles(ns), GLOBAL_READERS, 200));
        rows.add(new Row("GET /api/v1/namespace/team/roles", a -> a.namespaceRoles("team"), TEAM_READERS, 200));
        rows.add(new Row(
                "DELETE /api/v1/namespace/{missing}/roles", a -> a.deleteNamespaceRoles(missing), GLOBAL_ADMIN, 404));
        rows.add(new Row("GET /api/v1/namespace/{ns}/role", a -> a.namespaceRole(ns, missing), GLOBAL_READERS, 400));
        rows.add(new Row(
                "POST /api/v1/namespace/{ns}/role", a -> a.createNamespaceRole(ns, roleOfMissing), GLOBAL_ADMIN, 400));
        rows.add(new Row(
                "POST /api/v1/namespace/team/role",
                a -> a.createNamespaceRole("team", roleOfMissing),
                TEAM_ADMINS,
                400));
        rows.add(new Row(
                "PUT /api/v1/namespace/{ns}/role", a -> a.updateNamespaceRole(ns, roleOfMissing), GLOBAL_ADMIN, 400));
        rows.add(new Row(
                "DELETE /api/v1/namespace/{ns}/role", a -> a.deleteNamespaceRole(ns, missing), GLOBAL_ADMIN, 400));
        // specifications
        rows.add(new Row("POST /api/v1/specification/ (ns)", a -> a.submit(refusedSpec), GLOBAL_DEVELOPERS, 400));
        rows.add(new Row(
                "POST /api/v1/specification/ (new ns: namespace::create too)",
                a -> a.submit(refusedInNewNamespace),
                GLOBAL_ADMIN,
                400));
        rows.add(new Row("POST /api/v1/specification/ (team)", a -> a.submit(refusedInTeam), TEAM_DEVELOPERS, 400));
        // environments
        rows.add(new Row("GET /api/v1/environment/{ns}/env/", a -> a.environment(ns, "env"), GLOBAL_READERS, 200));
        rows.add(new Row(
                "GET /api/v1/environment/{ns}/{missing}/", a -> a.environment(ns, "missing"), GLOBAL_READERS, 404));
        rows.add(new Row(
                "GET /api/v1/environment/{ns}/env/lockfile/",
                a -> a.environmentLockfile(ns, "env"),
                GLOBAL_READERS,
                200));
        rows.add(new Row(
                "GET /api/v1/environment/{ns}/env/conda-lock.yml",
                a -> a.environmentLockfile(ns, "env", "conda-lock.yml"),
                GLOBAL_READERS,
                200));
        rows.add(new Row(
                "PUT /api/v1/environment/{ns}/env/",
                a -> a.updateEnvironment(ns, "env", "{\"build_id\": 999999999}"),
                GLOBAL_DEVELOPERS,
                400));
        rows.add(new Row(
                "DELETE /api/v1/environment/{ns}/{missing}/",
                a -> a.deleteEnvironment(ns, "missing"),
                GLOBAL_ADMIN,
                404));
        // builds: the build's environment is the resource, so an unknown build id is 404 for everyone
        rows.add(new Row("GET /api/v1/build/{id}/", a -> a.build(build), GLOBAL_READERS, 200));
        rows.add(new Row("GET /api/v1/build/{unknown}/", a -> a.build(999999999L), EVERYONE, 404));
        rows.add(new Row("GET /api/v1/build/{id}/packages/", a -> a.buildPackages(build, null), GLOBAL_READERS, 200));
        for (String file : List.of("logs", "yaml", "lockfile", "conda-lock.yml", "conda-lock.yaml")) {
            rows.add(new Row(
                    "GET /api/v1/build/{id}/" + file + "/", a -> a.buildFile(build, file), GLOBAL_READERS, 200));
        }
        rows.add(new Row(
                "GET /api/v1/build/{id}/installer/", a -> a.buildFile(build, "installer"), GLOBAL_READERS, 400));
        rows.add(new Row("GET /api/v1/build/{id}/docker/", a -> a.buildFile(build, "docker"), GLOBAL_READERS, 400));
        rows.add(new Row("PUT /api/v1/build/{id}/cancel/ (finished)", a -> a.cancel(build), GLOBAL_DEVELOPERS, 409));
        rows.add(new Row(
                "PUT /api/v1/build/{id}/ (environment deleted)",
                a -> a.rebuild(buildOfDeletedEnvironment),
                GLOBAL_DEVELOPERS,
                400));
        rows.add(new Row(
                "DELETE /api/v1/build/{id}/ (already deleted with its environment)",
                a -> a.deleteBuild(buildOfDeletedEnvironment),
                GLOBAL_ADMIN,
                200));
        // settings: setting::read is a developer's, setting::update an admin's
        rows.add(new Row("GET /api/v1/setting/", CondaStoreApi::globalSettings, GLOBAL_DEVELOPERS, 200));
        rows.add(new Row("GET /api/v1/setting/{ns}/", a -> a.namespaceSettings(ns), GLOBAL_DEVELOPERS, 200));
        rows.add(new Row("GET /api/v1/setting/team/", a -> a.namespaceSettings("team"), TEAM_DEVELOPERS, 200));
        rows.add(new Row(
                "GET /api/v1/setting/{ns}/env/", a -> a.environmentSettings(ns, "env"), GLOBAL_DEVELOPERS, 200));
        rows.add(new Row("PUT /api/v1/setting/", a -> a.putGlobalSettings("{}"), GLOBAL_ADMIN, 200));
        rows.add(new Row("PUT /api/v1/setting/{ns}/", a -> a.putNamespaceSettings(ns, "{}"), GLOBAL_ADMIN, 200));
        rows.add(new Row("PUT /api/v1/setting/team/", a -> a.putNamespaceSettings("team", "{}"), TEAM_ADMINS, 200));
        rows.add(new Row(
                "PUT /api/v1/setting/{ns}/env/", a -> a.putEnvironmentSettings(ns, "env", "{}"), GLOBAL_ADMIN, 200));
        return rows;
    }

    @Test
    void everyRouteAnswersEachCallerAsCondaStoresPermissionTableSays() {
        List<String> wrong = new ArrayList<>();
        for (Row row : table()) {
            for (Caller caller : Caller.values()) {
                Response response = row.call().apply(caller.api);
                String body = response.readEntity(String.class);
                int expected = row.allowed().contains(caller) ? row.allowedStatus() : 403;
                if (response.getStatus() != expected) {
                    wrong.add(row.route() + " as " + caller + ": expected " + expected + ", got " + response.getStatus()
                            + " " + abbreviated(body));
                } else if (expected == 403 && !body.contains("\"request not authorized\"")) {
                    wrong.add(row.route() + " as " + caller + ": 403 without conda-store's message: " + body);
                }
            }
        }
        assertEquals(List.of(), wrong, () -> String.join("\n", wrong));
    }

    private static String abbreviated(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
