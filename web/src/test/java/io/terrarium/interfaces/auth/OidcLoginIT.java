package io.terrarium.interfaces.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.conda.json.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through a real OpenID Connect provider (mock-oauth2-server on loopback, with its interactive login
 * form): a Terrarium server configured with the provider's issuer is started, and a browser-like client follows
 * the redirects, submits the provider's form and ends with the session cookie the API accepts.
 */
public class OidcLoginIT {

    private static final String SCRIPT = System.getProperty("terrarium.script", "../terrarium");
    private static final String WAR = System.getProperty("terrarium.it.war", "target/terrarium.war");
    private static final Path STORE = Path.of(System.getProperty("terrarium.it.store", "target/it-oidc"));
    private static final int PORT = Integer.getInteger("terrarium.it.oidc.port", 18585);
    private static final int PROVIDER_PORT = Integer.getInteger("terrarium.it.oidc.provider.port", 18586);
    private static final String BASE = "http://127.0.0.1:" + PORT;

    private static MockOAuth2Server provider;

    @BeforeAll
    static void startProviderAndServer() throws Exception {
        provider = new MockOAuth2Server(OAuth2Config.Companion.fromJson("{\"interactiveLogin\": true}"));
        provider.start(InetAddress.getByName("127.0.0.1"), PROVIDER_PORT);
        String issuer = provider.issuerUrl("default").toString();
        terrarium(
                Map.of(
                        "TERRARIUM_AUTH_OIDC_ISSUER", issuer,
                        "TERRARIUM_AUTH_OIDC_CLIENT_ID", "terrarium-it",
                        "TERRARIUM_AUTH_OIDC_CLIENT_SECRET", "it-client-secret",
                        "TERRARIUM_AUTH_OIDC_GROUPS_CLAIM", "groups",
                        "TERRARIUM_AUTH_OIDC_GROUP_ROLE_BINDINGS", "{\"data-team\": {\"data/*\": [\"developer\"]}}",
                        "TERRARIUM_JAVA_OPTS", "-Xmx384m"),
                "start",
                "--no-build",
                "--reset",
                "--war",
                WAR,
                "--port",
                Integer.toString(PORT),
                "--store",
                STORE.toString());
    }

    @AfterAll
    static void stopServerAndProvider() throws Exception {
        try {
            terrarium(Map.of(), "stop", "--store", STORE.toString());
        } finally {
            if (provider != null) {
                provider.shutdown();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUserSignsInAtTheProviderAndTheApiKnowsItsGroups() throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        // /login/ redirects to the provider, whose login form comes back
        HttpResponse<String> form = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/login/?next=/api/v1/permission/"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, form.statusCode(), form.body());
        URI authorize = form.uri();
        assertEquals(PROVIDER_PORT, authorize.getPort(), authorize.toString());
        String query = authorize.getRawQuery();
        assertTrue(query.contains("code_challenge_method=S256"), query);
        assertTrue(query.contains("state="), query);
        assertTrue(query.contains("nonce="), query);
        assertTrue(form.body().contains("name=\"username\""), form.body());

        // submitting the provider's form redirects back to /oauth_callback/, which sets the session cookie
        String claims = "{\"preferred_username\": \"oidc-alice\", \"groups\": [\"data-team\", \"other\"]}";
        HttpResponse<String> back = browser.send(
                HttpRequest.newBuilder(authorize)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "username=alice-subject&claims=" + URLEncoder.encode(claims, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, back.statusCode(), back.body());
        assertEquals("/oauth_callback/", back.uri().getPath());
        assertTrue(back.body().contains("url=/api/v1/permission/"), back.body());
        HttpCookie session = cookies.getCookieStore().get(URI.create(BASE)).stream()
                .filter(c -> c.getName().equals("conda-store-auth"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie after the callback"));
        assertTrue(session.isHttpOnly());
        assertTrue(session.getMaxAge() > 80_000, "Max-Age " + session.getMaxAge());

        HttpResponse<String> permission = browser.send(
                HttpRequest.newBuilder(URI.create(BASE + "/api/v1/permission/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, permission.statusCode(), permission.body());
        Map<String, Object> data =
                Json.asObject(Json.parseObject(permission.body()).get("data"));
        assertEquals(true, data.get("authenticated"), permission.body());
        assertEquals("oidc-alice", data.get("primary_namespace"));
        Map<String, Object> roles = Json.asObject(data.get("entity_roles"));
        assertEquals(List.of("developer"), roles.get("data/*"), permission.body());
        assertEquals(List.of("admin"), roles.get("oidc-alice/*"), permission.body());
        assertNotNull(data.get("expiration"));
    }

    @Test
    void aCallbackThatDidNotStartHereIsRefused() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = client.send(
                HttpRequest.newBuilder(URI.create(BASE + "/oauth_callback/?code=forged&state=forged"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), r.body());
        HttpResponse<String> login = client.send(
                HttpRequest.newBuilder(URI.create(BASE + "/login/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, login.statusCode(), login.body());
        String location = login.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(provider.issuerUrl("default").toString()), location);
        assertTrue(location.contains("client_id=terrarium-it"), location);
        assertTrue(
                location.contains(
                        "redirect_uri=" + URLEncoder.encode(BASE + "/oauth_callback/", StandardCharsets.UTF_8)),
                location);
    }

    private static void terrarium(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(STORE.toAbsolutePath()
                        .resolveSibling("it-oidc-script.log")
                        .toFile()));
        pb.environment().remove("TERRARIUM_DB_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "./terrarium " + String.join(" ", args) + " did not return");
        assertEquals(0, p.exitValue(), "./terrarium " + String.join(" ", args) + " failed; see it-oidc-script.log");
    }
}
