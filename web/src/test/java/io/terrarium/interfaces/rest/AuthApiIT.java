package io.terrarium.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.application.security.Caller;
import io.terrarium.application.security.Role;
import io.terrarium.application.security.RoleBindings;
import io.terrarium.conda.json.Json;
import io.terrarium.interfaces.auth.PasswordHashes;
import io.terrarium.interfaces.auth.SessionTokens;
import io.terrarium.interfaces.auth.UserStore;
import io.terrarium.it.ItServer;
import io.terrarium.it.ItTokens;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authentication over HTTP, against the running server: sign-in and sign-out (conda-store's JSON and the form),
 * the session cookie, credentials in conda-store's order, bad and expired tokens as anonymous, the permission
 * route per caller, and the token route's subset and expiry rules. Built-in users are written into the server's
 * store with the same user store the {@code terrarium user} command uses.
 */
public class AuthApiIT {

    private static final String BASE = System.getProperty("terrarium.it.url", "http://localhost:8080");
    private static final Path STORE = Path.of(System.getProperty("terrarium.it.store", "target/it-h2"));
    private static final String PASSWORD = "it-password-123";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static String user;

    @BeforeAll
    static void addUser() {
        user = ApiCalls.unique("alice");
        UserStore.of(STORE)
                .put(new UserStore.User(
                        user,
                        PasswordHashes.hash(PASSWORD.toCharArray()),
                        user,
                        RoleBindings.of("data/*", Role.DEVELOPER)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(URI.create(BASE + path));
    }

    private static HttpResponse<String> postJson(String path, String json, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = to(path).header("Content-Type", "application/json");
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return send(r.POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Map<String, Object> data(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return Json.asObject(Json.parseObject(r.body()).get("data"));
    }

    private static String message(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        Map<String, Object> body = Json.parseObject(r.body());
        assertEquals("error", body.get("status"), r.body());
        return (String) body.get("message");
    }

    private static Map<String, Object> permissionWith(String header, String value) throws Exception {
        HttpRequest.Builder r = to("/api/v1/permission/");
        if (header != null) {
            r.header(header, value);
        }
        return data(send(r.GET()));
    }

    private static Map<String, Object> permissionAs(String token) throws Exception {
        return permissionWith("Authorization", ItTokens.bearer(token));
    }

    /** The session cookie's value and attributes from a Set-Cookie header. */
    private static String sessionCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("conda-store-auth="))
                .findFirst()
                .orElseThrow(() ->
                        new AssertionError("no session cookie in " + r.headers().map()));
    }

    private static String cookieValue(String setCookie) {
        return setCookie.substring("conda-store-auth=".length(), setCookie.indexOf(';'));
    }

    private static long maxAge(String setCookie) {
        Matcher m = Pattern.compile("Max-Age=(\\d+)").matcher(setCookie);
        assertTrue(m.find(), setCookie);
        return Long.parseLong(m.group(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonSignInSetsConda_storesCookieAndThePermissionRouteTellsWhoSignedIn() throws Exception {
        HttpResponse<String> r = postJson(
                "/login/?next=/ui/", "{\"username\": \"" + user + "\", \"password\": \"" + PASSWORD + "\"}", null);
        assertEquals(Map.of("redirect_url", "/ui/"), data(r));
        String cookie = sessionCookie(r);
        for (String attribute : List.of("; Path=/", "; HttpOnly", "; SameSite=Strict")) {
            assertTrue(cookie.contains(attribute), cookie);
        }
        assertFalse(cookie.contains("Secure"), "plain http: " + cookie);
        assertTrue(maxAge(cookie) > 86_000 && maxAge(cookie) <= 86_400, cookie);

        Map<String, Object> me = permissionWith("Cookie", "conda-store-auth=" + cookieValue(cookie));
        assertEquals(true, me.get("authenticated"));
        assertEquals(user, me.get("primary_namespace"));
        Map<String, Object> roles = Json.asObject(me.get("entity_roles"));
        assertEquals(List.of("developer"), roles.get("data/*"));
        assertEquals(List.of("admin"), roles.get(user + "/*"), "admin of its own namespace");
        assertEquals(List.of("viewer"), roles.get("default/*"));
        Instant exp = Instant.parse((String) me.get("expiration"));
        assertTrue(exp.isAfter(Instant.now().plus(Duration.ofHours(23))), exp.toString());
        assertTrue(((List<String>) Json.asObject(me.get("entity_permissions")).get("data/*"))
                .contains("environment:create"));
    }

    @Test
    void wrongCredentialsAre403AndTheFormSaysSo() throws Exception {
        String wrong = "{\"username\": \"" + user + "\", \"password\": \"nope-nope\"}";
        assertEquals("Invalid authentication credentials", message(postJson("/login/", wrong, null), 403));
        String unknown = "{\"username\": \"nobody-" + user + "\", \"password\": \"" + PASSWORD + "\"}";
        assertEquals("Invalid authentication credentials", message(postJson("/login/", unknown, null), 403));
        HttpResponse<String> form = send(to("/login/")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=nope-nope")));
        assertEquals(403, form.statusCode());
        assertTrue(form.body().contains("Invalid authentication credentials"), form.body());
        assertTrue(form.headers().allValues("Set-Cookie").isEmpty());
    }

    @Test
    void theLoginPageIsAFormAndTheBarePathRedirects() throws Exception {
        HttpResponse<String> page = send(to("/login/").GET());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        for (String part : List.of("name=\"username\"", "name=\"password\"", "type=\"password\"", "type=\"submit\"")) {
            assertTrue(page.body().contains(part), part + " in " + page.body());
        }
        HttpResponse<String> bare = send(to("/login?next=/ui/").GET());
        assertEquals(307, bare.statusCode());
        assertEquals(
                ItServer.PREFIX + "/login/?next=/ui/",
                bare.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theFormSignInRedirectsOnlyWithinThisServer() throws Exception {
        for (Map.Entry<String, String> next : Map.of(
                        "/ui/environments?x=1", "/ui/environments?x=1",
                        "https://evil.example/", ItServer.PREFIX + "/",
                        "//evil.example/path", ItServer.PREFIX + "/")
                .entrySet()) {
            HttpResponse<String> r = send(to("/login/?next=" + URLEncoder.encode(next.getKey(), StandardCharsets.UTF_8))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + PASSWORD)));
            assertEquals(303, r.statusCode(), r.body());
            assertEquals(next.getValue(), r.headers().firstValue("Location").orElseThrow(), next.getKey());
            assertEquals(
                    true,
                    permissionWith("Cookie", "conda-store-auth=" + cookieValue(sessionCookie(r)))
                            .get("authenticated"));
        }
    }

    @Test
    void signOutClearsTheCookie() throws Exception {
        HttpResponse<String> r = send(to("/logout/?next=/ui/").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(303, r.statusCode());
        assertEquals("/ui/", r.headers().firstValue("Location").orElseThrow());
        String cookie = sessionCookie(r);
        assertEquals("", cookieValue(cookie));
        assertEquals(0, maxAge(cookie));
        r = send(to("/logout/?next=https://evil.example/").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(ItServer.PREFIX + "/", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void credentialsAreReadInConda_storesOrder() throws Exception {
        String basic = "Basic "
                + Base64.getEncoder().encodeToString(("anyone:" + ItTokens.VIEWER).getBytes(StandardCharsets.UTF_8));
        assertEquals("it-viewer", permissionWith("Authorization", basic).get("primary_namespace"));
        assertEquals(
                true,
                data(send(to("/api/v1/permission/?token=" + ItTokens.VIEWER).GET()))
                        .get("authenticated"));
        assertEquals(
                "it-viewer",
                permissionWith("Cookie", "conda-store-auth=" + ItTokens.VIEWER).get("primary_namespace"));
        // the cookie comes first, even when it does not verify and a good Bearer token follows
        HttpResponse<String> both = send(to("/api/v1/permission/")
                .header("Cookie", "conda-store-auth=stale")
                .header("Authorization", ItTokens.bearer(ItTokens.ADMIN))
                .GET());
        assertEquals(false, data(both).get("authenticated"));
    }

    @Test
    void badForeignAndExpiredTokensMakeTheRequestAnonymousNot401() throws Exception {
        SessionTokens ours = new SessionTokens(
                Base64.getDecoder()
                        .decode(Files.readString(STORE.resolve("auth/session-secret"))
                                .trim()),
                Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC));
        Caller admin = new Caller(
                true,
                "old-admin",
                "old-admin",
                RoleBindings.of("*/*", Role.ADMIN),
                Instant.now().minusSeconds(5));
        String expiredJwt = ours.issue(admin, SessionTokens.SOURCE_TOKEN);
        SessionTokens foreign = new SessionTokens(
                "a-key-this-server-never-saw-0123456789".getBytes(StandardCharsets.UTF_8), Clock.systemUTC());
        String foreignJwt = foreign.issue(
                new Caller(
                        true,
                        "mallory",
                        "mallory",
                        RoleBindings.of("*/*", Role.ADMIN),
                        Instant.now().plusSeconds(600)),
                null);
        for (String token : List.of("garbage", ItTokens.EXPIRED, expiredJwt, foreignJwt)) {
            Map<String, Object> me = permissionAs(token);
            assertEquals(false, me.get("authenticated"), token);
            assertEquals(Map.of("default/*", List.of("viewer")), me.get("entity_roles"), token);
            assertNull(me.get("expiration"));
            assertEquals(
                    "request not authorized",
                    message(
                            postJson("/api/v1/namespace/" + ApiCalls.unique("x") + "/", "", ItTokens.bearer(token)),
                            403));
        }
    }

    @Test
    void anonymousReadsNamespaceDefaultButMayNotCreate() throws Exception {
        Map<String, Object> me = data(send(to("/api/v1/permission/").GET()));
        assertEquals(false, me.get("authenticated"));
        assertEquals("default", me.get("primary_namespace"));
        // submissions without a namespace go to the caller's primary namespace, so default may not exist yet
        int created = ApiCalls.client(ItTokens.ADMIN).createNamespace("default").getStatus();
        assertTrue(created == 200 || created == 409, "create default: " + created);
        assertEquals(200, send(to("/api/v1/namespace/default/").GET()).statusCode());
        assertEquals(
                200, send(to("/api/v1/environment/?namespace=default").GET()).statusCode());
        assertEquals(
                200, send(to("/api/v2/environment/?namespace=default").GET()).statusCode());
        assertEquals(
                "request not authorized",
                message(postJson("/api/v1/namespace/" + ApiCalls.unique("anon") + "/", "", null), 403));
        assertEquals(
                "request not authorized",
                message(
                        postJson(
                                "/api/v1/specification/",
                                ApiCalls.body("name: anon\nchannels: [demo]\ndependencies: [hello]\n", "default"),
                                null),
                        403));
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePermissionRouteTellsEachCallersRights() throws Exception {
        Map<String, Object> viewer = permissionAs(ItTokens.VIEWER);
        assertEquals(
                List.of("viewer"), Json.asObject(viewer.get("entity_roles")).get("*/*"));
        assertEquals(
                List.of("environment::read", "namespace-role-mapping::read", "namespace::read"),
                Json.asObject(viewer.get("entity_permissions")).get("*/*"));
        Map<String, Object> developer = permissionAs(ItTokens.DEVELOPER);
        assertTrue(((List<String>)
                        Json.asObject(developer.get("entity_permissions")).get("*/*"))
                .contains("environment::solve"));
        Map<String, Object> team = permissionAs(ItTokens.TEAM);
        assertEquals("team", team.get("primary_namespace"));
        assertEquals(
                Map.of("default/*", List.of("viewer"), "filesystem/*", List.of("viewer"), "team/*", List.of("admin")),
                team.get("entity_roles"));
        assertEquals(
                17,
                ((List<String>) Json.asObject(permissionAs(ItTokens.ADMIN).get("entity_permissions"))
                                .get("*/*"))
                        .size());
    }

    private static String newToken(String asToken, String body) throws Exception {
        return (String) data(postJson("/api/v1/token/", body, asToken == null ? null : ItTokens.bearer(asToken)))
                .get("token");
    }

    @Test
    void aNewTokenMayNarrowButNeverWidenItsBindings() throws Exception {
        String narrowed = newToken(ItTokens.TEAM, "{\"role_bindings\": {\"team/*\": [\"viewer\"]}}");
        Map<String, Object> me = permissionAs(narrowed);
        assertEquals(true, me.get("authenticated"));
        assertEquals(List.of("viewer"), Json.asObject(me.get("entity_roles")).get("team/*"));
        assertEquals(
                "request not authorized",
                message(postJson("/api/v1/namespace/team/", "", ItTokens.bearer(narrowed)), 403));

        String widen = "Requested role_bindings are not a subset of current permissions";
        assertEquals(
                widen,
                message(
                        postJson(
                                "/api/v1/token/",
                                "{\"role_bindings\": {\"team/*\": [\"admin\"]}}",
                                ItTokens.bearer(narrowed)),
                        400));
        assertEquals(
                widen,
                message(
                        postJson(
                                "/api/v1/token/",
                                "{\"role_bindings\": {\"*/*\": [\"viewer\"]}}",
                                ItTokens.bearer(ItTokens.TEAM)),
                        400));
        assertEquals(
                widen,
                message(
                        postJson("/api/v1/token/", "{\"role_bindings\": {\"default/*\": [\"developer\"]}}", null),
                        400));
        assertEquals(
                "Requested primary_namespace is not a subset of current permissions",
                message(
                        postJson(
                                "/api/v1/token/", "{\"primary_namespace\": \"other\"}", ItTokens.bearer(ItTokens.TEAM)),
                        400));
        assertTrue(message(
                        postJson(
                                "/api/v1/token/",
                                "{\"role_bindings\": {\"team/*\": [\"boss\"]}}",
                                ItTokens.bearer(ItTokens.TEAM)),
                        400)
                .contains("invalid role 'boss'"));

        // without role_bindings the new token carries the caller's effective bindings
        Map<String, Object> copy = permissionAs(newToken(ItTokens.TEAM, "{}"));
        assertEquals(permissionAs(ItTokens.TEAM).get("entity_roles"), copy.get("entity_roles"));
    }

    @Test
    void aNewTokenMayNotOutliveTheOneThatMadeIt() throws Exception {
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String hour = newToken(ItTokens.ADMIN, "{\"expiration\": \"" + inAnHour + "\"}");
        assertEquals(inAnHour.toString(), permissionAs(hour).get("expiration"));
        assertEquals(
                "Requested expiration of token is greater than current permissions",
                message(
                        postJson(
                                "/api/v1/token/",
                                "{\"expiration\": \"" + inAnHour.plusSeconds(3600) + "\"}",
                                ItTokens.bearer(hour)),
                        400));
        String inherited = newToken(hour, "{}");
        assertEquals(inAnHour.toString(), permissionAs(inherited).get("expiration"));
        assertEquals(
                "Requested expiration of token is in the past",
                message(
                        postJson("/api/v1/token/", "{\"expiration\": \"2020-01-01T00:00:00Z\"}", ItTokens.bearer(hour)),
                        400));
    }

    @Test
    void anAnonymousCallerGetsAnAnonymousToken() throws Exception {
        String token = newToken(null, "");
        Map<String, Object> me = permissionAs(token);
        assertEquals(false, me.get("authenticated"));
        assertEquals(Map.of("default/*", List.of("viewer")), me.get("entity_roles"));
        assertNotNull(me.get("expiration"), "the pseudo entity's day");
    }

    @Test
    void aRemovedUsersSessionsEnd() throws Exception {
        String name = ApiCalls.unique("leaver");
        UserStore users = UserStore.of(STORE);
        users.put(new UserStore.User(name, PasswordHashes.hash(PASSWORD.toCharArray()), name, RoleBindings.NONE));
        HttpResponse<String> r =
                postJson("/login/", "{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\"}", null);
        String cookie = "conda-store-auth=" + cookieValue(sessionCookie(r));
        assertEquals(true, permissionWith("Cookie", cookie).get("authenticated"));
        assertTrue(users.remove(name));
        assertEquals(false, permissionWith("Cookie", cookie).get("authenticated"));
    }
}
