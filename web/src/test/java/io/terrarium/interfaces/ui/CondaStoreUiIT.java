package io.terrarium.interfaces.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.it.ItServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The UI's routes over plain HTTP: the root and {@code /conda-store/} redirect to the app, every path below
 * {@code /conda-store/ui/} serves the page with its configuration (404 for {@code not-found}, as conda-store), and the
 * bundle fetched at build time is in the WAR.
 */
class CondaStoreUiIT {

    private static final String BASE = ItServer.BASE;
    private static final String PREFIX = ItServer.PREFIX;
    private static final String UI = ItServer.UI;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(BASE + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRootAndTheCondaStorePrefixRedirectToTheUi() throws Exception {
        for (String path : new String[] {"/", "/conda-store", "/conda-store/", UI}) {
            HttpResponse<String> r = get(path);
            assertEquals(302, r.statusCode(), path);
            assertTrue(
                    r.headers().firstValue("Location").orElseThrow().endsWith(PREFIX + "/conda-store/ui/")
                            || r.headers().firstValue("Location").orElseThrow().endsWith(PREFIX + UI + "/"),
                    path + " -> " + r.headers().firstValue("Location"));
        }
    }

    @Test
    void deepLinksServeTheAppConfiguredForThisServer() throws Exception {
        for (String path : new String[] {UI + "/", UI + "/default/demo", UI + "/x/new-environment"}) {
            HttpResponse<String> r = get(path);
            assertEquals(200, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
            assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElseThrow(), path);
            String page = r.body();
            assertTrue(page.contains("window.condaStoreConfig"), page);
            assertTrue(page.contains("REACT_APP_API_URL: root + \"/\""), page);
            assertTrue(page.contains("REACT_APP_AUTH_METHOD: \"cookie\""), page);
            assertTrue(page.contains("REACT_APP_LOGIN_PAGE_URL: root + \"/login/?next=\""), page);
            assertTrue(
                    page.contains("REACT_APP_LOGOUT_PAGE_URL: root + \"/logout/?next=\" + \"" + PREFIX + "\" + \"/\""),
                    page);
            assertTrue(page.contains("REACT_APP_URL_BASENAME: \"" + PREFIX + "\" + \"" + UI + "\""), page);
            assertTrue(page.contains("REACT_APP_ROUTER_TYPE: \"browser\""), page);
            assertTrue(page.contains("src=\"" + PREFIX + "/conda-store/static/conda-store-ui/main.js\""), page);
        }
        assertEquals(404, get(UI + "/not-found").statusCode());
    }

    @Test
    void theBundleAndItsLicenceAreServed() throws Exception {
        HttpResponse<String> js = get("/conda-store/static/conda-store-ui/main.js");
        assertEquals(200, js.statusCode());
        assertTrue(js.body().length() > 1_000_000, "main.js is the whole bundle");
        assertTrue(js.body().contains("condaStoreConfig"), "the bundle reads window.condaStoreConfig");
        assertEquals(200, get("/conda-store/static/conda-store-ui/main.css").statusCode());
        assertTrue(get("/conda-store/static/conda-store-ui/LICENSE").body().contains("BSD"));
        HttpResponse<String> icon = get("/favicon.ico");
        assertEquals(301, icon.statusCode());
        // the Location is a path from the server's root, the url_prefix included
        String svg = ItServer.ROOT + icon.headers().firstValue("Location").orElseThrow();
        assertEquals(
                200,
                http.send(HttpRequest.newBuilder(URI.create(svg)).GET().build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode());
    }
}
