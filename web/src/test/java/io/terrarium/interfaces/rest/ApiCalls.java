package io.terrarium.interfaces.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.terrarium.conda.json.Json;
import io.terrarium.it.ItTokens;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.cxf.jaxrs.client.JAXRSClientFactoryBean;
import org.apache.cxf.jaxrs.client.WebClient;
import org.microshed.testing.jaxrs.JsonBProvider;

/**
 * Helpers shared by the REST black-box tests: read envelopes, submit specifications, wait for builds to end.
 */
final class ApiCalls {

    /** A bound on waiting for a build, so a hung build fails the test instead of hanging the run. */
    private static final long BUILD_WAIT_MILLIS = 5 * 60 * 1000;

    private static final Set<String> FINAL = Set.of("COMPLETED", "FAILED", "CANCELED");

    private ApiCalls() {}

    /**
     * A client of the server under test that presents {@code token} as {@code Authorization: Bearer}, or calls
     * anonymously when it is {@code null}. A GET answered with 307 (the artifact routes redirect to a signed storage
     * link, as conda-store's do) is followed without the token, as a browser following the link would.
     */
    static CondaStoreApi client(String token) {
        CondaStoreApi api = cxfClient(token);
        InvocationHandler followingRedirects = (proxy, method, args) -> {
            Object result;
            try {
                result = method.invoke(api, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Response r && r.getStatus() == 307 && method.isAnnotationPresent(GET.class)) {
                String location = r.getHeaderString("Location");
                r.close();
                // CXF's own redirect following would move the proxy's base address to the storage link for good
                return WebClient.create(location).get();
            }
            return result;
        };
        return (CondaStoreApi) Proxy.newProxyInstance(
                CondaStoreApi.class.getClassLoader(), new Class<?>[] {CondaStoreApi.class}, followingRedirects);
    }

    private static CondaStoreApi cxfClient(String token) {
        // built as MicroShed's @RESTClient is (CXF proxy, MicroShed's JSON-B provider), but on the address the
        // build passes, so a test may hold several clients and need not wait for MicroShed's own setup
        String base = System.getProperty("terrarium.it.url", "http://localhost:8080");
        JAXRSClientFactoryBean bean = new JAXRSClientFactoryBean();
        bean.setResourceClass(CondaStoreApi.class);
        bean.setProviders(List.of(new JsonBProvider()));
        bean.setAddress(base + "/api");
        if (token != null) {
            bean.setHeaders(Map.of("Authorization", ItTokens.bearer(token)));
        }
        return bean.create(CondaStoreApi.class);
    }

    /** A suffix that keeps names unique between the H2 and PostgreSQL runs and between test runs. */
    static String unique(String base) {
        return base + "-" + System.getProperty("terrarium.it.database", "db") + "-"
                + Long.toString(System.nanoTime(), 36);
    }

    /** Reads the JSON body, checking the status code first (the body is in the failure message). */
    static Map<String, Object> json(Response response, int expectedStatus) {
        String body = response.readEntity(String.class);
        assertEquals(expectedStatus, response.getStatus(), () -> "unexpected status; body: " + body);
        return Json.parseObject(body);
    }

    /** Checks conda-store's error envelope and returns its message. */
    static String error(Response response, int expectedStatus) {
        Map<String, Object> body = json(response, expectedStatus);
        assertEquals("error", body.get("status"), () -> "not an error envelope: " + body);
        return (String) body.get("message");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Response response) {
        Map<String, Object> body = json(response, 200);
        assertEquals("ok", body.get("status"));
        return (Map<String, Object>) body.get("data");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Response response) {
        Map<String, Object> body = json(response, 200);
        assertEquals("ok", body.get("status"));
        return (List<Map<String, Object>>) body.get("data");
    }

    static String body(String specificationYaml, String namespace) {
        return Json.write(
                namespace == null
                        ? Map.of("specification", specificationYaml)
                        : Map.of("specification", specificationYaml, "namespace", namespace));
    }

    static long submit(CondaStoreApi api, String specificationYaml, String namespace) {
        Map<String, Object> data = data(api.submit(body(specificationYaml, namespace)));
        return ((Number) data.get("build_id")).longValue();
    }

    /**
     * The body of a lockfile submission ({@code is_lockfile}) that builds {@code environment} in {@code namespace},
     * with its description when not {@code null}.
     */
    static String lockfileBody(String lockfile, String namespace, String environment, String description) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("specification", lockfile);
        body.put("namespace", namespace);
        body.put("is_lockfile", true);
        body.put("environment_name", environment);
        if (description != null) {
            body.put("environment_description", description);
        }
        return Json.write(body);
    }

    /** Submits a lockfile build (see {@link #lockfileBody}); its build id. */
    static long submitLockfile(
            CondaStoreApi api, String lockfile, String namespace, String environment, String description) {
        Map<String, Object> data = data(api.submit(lockfileBody(lockfile, namespace, environment, description)));
        return ((Number) data.get("build_id")).longValue();
    }

    static String status(CondaStoreApi api, long build) {
        return (String) data(api.build(build)).get("status");
    }

    static String awaitEnd(CondaStoreApi api, long build) throws InterruptedException {
        long deadline = System.currentTimeMillis() + BUILD_WAIT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            String status = status(api, build);
            if (FINAL.contains(status)) {
                return status;
            }
            Thread.sleep(500);
        }
        fail("build " + build + " did not end within " + BUILD_WAIT_MILLIS / 1000 + " s");
        return null;
    }
}
