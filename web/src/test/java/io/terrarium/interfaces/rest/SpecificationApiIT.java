package io.terrarium.interfaces.rest;

import static io.terrarium.interfaces.rest.ApiCalls.body;
import static io.terrarium.interfaces.rest.ApiCalls.data;
import static io.terrarium.interfaces.rest.ApiCalls.error;
import static io.terrarium.interfaces.rest.ApiCalls.json;
import static io.terrarium.interfaces.rest.ApiCalls.list;
import static io.terrarium.interfaces.rest.ApiCalls.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.terrarium.it.ItTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Bad specifications are refused with 400 and a message a user can act on, and leave nothing behind.
 */
@MicroShedTest
public class SpecificationApiIT {

    /** Calls as the IT admin; {@link ApiCalls#client(String)} calls as another token or anonymously. */
    /** Calls as the IT admin; {@link ApiCalls#client(String)} calls as another token or anonymously. */
    static final CondaStoreApi api = ApiCalls.client(ItTokens.ADMIN);

    @Test
    void invalidYamlNamesTheLine() {
        String ns = unique("spec");
        String message = error(api.submit(body("name: x\ndependencies: [hello\n", ns)), 400);
        assertTrue(message.startsWith("Unable to parse. Invalid YAML"), message);
        assertTrue(message.contains("line 3"), message);
        assertNothingCreated(ns, "x");
    }

    @Test
    void channelOutsideTheAllowListIsRefused() {
        String ns = unique("allow");
        json(api.createNamespace(ns), 200);
        json(api.putNamespaceSettings(ns, "{\"conda_allowed_channels\": [\"demo\"]}"), 200);
        String message =
                error(api.submit(body("name: forge\nchannels: [conda-forge]\ndependencies: [hello]\n", ns)), 400);
        assertTrue(
                message.startsWith("Conda channels [") && message.contains("conda-forge] not allowed in specification"),
                message);
        assertNothingCreated(ns, "forge");
    }

    @Test
    void tooLongBuildPathIsRefusedWithItsLength() {
        String ns = unique("long");
        String name = "n".repeat(250);
        String message =
                error(api.submit(body("name: " + name + "\nchannels: [demo]\ndependencies: [hello]\n", ns)), 400);
        assertTrue(message.contains("must be <= 255 characters"), message);
        assertTrue(message.matches("(?s).* is \\d+ characters.*"), message);
        assertNothingCreated(ns, name);
        assertEquals("namespace does not exist", error(api.namespace(ns), 404), "the namespace was rolled back too");
    }

    @Test
    void malformedRequestsAreRefused() {
        assertEquals("'specification' is required", error(api.submit("{}"), 400));
        assertTrue(error(api.submit("{\"specification\": "), 400).startsWith("request body is not valid JSON"));
        assertEquals("specification has no 'name'", error(api.submit(body("dependencies: [hello]", null)), 400));
        assertTrue(error(api.submit(body("name: 'bad name'", null)), 400).contains("may only contain"));
        assertTrue(error(api.submit("{\"specification\": \"version: 1\", \"is_lockfile\": true}"), 400)
                .contains("environment_name is required"));
    }

    @Test
    void specificationGivenAsJsonTextIsAccepted() throws Exception {
        String ns = unique("jsonspec");
        long build = ((Number) data(api.submit(
                                body("{\"name\": \"j\", \"channels\": [\"demo\"], \"dependencies\": [\"hello\"]}", ns)))
                        .get("build_id"))
                .longValue();
        Map<String, Object> b = data(api.build(build));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) b.get("specification")).get("spec");
        assertEquals("j", spec.get("name"));
        assertEquals(64, ((String) ((Map<?, ?>) b.get("specification")).get("sha256")).length());
        assertEquals("COMPLETED", ApiCalls.awaitEnd(api, build));
    }

    private static void assertNothingCreated(String ns, String name) {
        error(api.environment(ns, name), 404);
        assertEquals(0, list(api.builds(ns, name, null, null)).size());
    }
}
