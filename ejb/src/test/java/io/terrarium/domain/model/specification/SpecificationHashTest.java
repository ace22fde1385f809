package io.terrarium.domain.model.specification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Expected values were produced by conda-store's recursive_sort + json.dumps + sha256 in CPython 3.11. */
class SpecificationHashTest {

    @Test
    void matchesCondaStoreForATypicalSpecification() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "demo");
        spec.put("channels", List.of("conda-forge"));
        spec.put("dependencies", List.of("python=3.11", "numpy", Map.of("pip", List.of("requests", "flask"))));
        spec.put("variables", null);
        spec.put("prefix", null);
        spec.put("description", "");

        assertEquals(
                "{\"channels\": [\"conda-forge\"], \"dependencies\": [{\"pip\": [\"flask\", \"requests\"]}, \"numpy\","
                        + " \"python=3.11\"], \"description\": \"\", \"name\": \"demo\", \"prefix\": null, \"variables\": null}",
                SpecificationHash.canonicalJson(spec));
        assertEquals("8e6bdcf17ffb3e8ed1bfbf6497e36b4c06e568d42a2519316c209aab59ec234b", SpecificationHash.of(spec));
    }

    @Test
    void sortsMixedListsByPythonTypeNamesAndEscapesLikeJsonDumps() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "ünï");
        spec.put("channels", List.of());
        spec.put("dependencies", Arrays.asList(1.5, 10L, true, null, "b", "a", List.of(2L, 1L)));
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("N", 3L);
        vars.put("CONDA_OVERRIDE_CUDA", "11.8");
        spec.put("variables", vars);
        spec.put("prefix", null);
        spec.put("description", "tab\there");

        assertEquals(
                "{\"channels\": [], \"dependencies\": [null, true, 1.5, 10, [1, 2], \"a\", \"b\"], \"description\":"
                        + " \"tab\\there\", \"name\": \"\\u00fcn\\u00ef\", \"prefix\": null, \"variables\":"
                        + " {\"CONDA_OVERRIDE_CUDA\": \"11.8\", \"N\": 3}}",
                SpecificationHash.canonicalJson(spec));
        assertEquals("c738306aa362b117dfca576062581e00a10e6f309fe07ee9ca7bffa811323657", SpecificationHash.of(spec));
    }

    @Test
    void dependencyOrderDoesNotChangeTheHashButContentDoes() {
        EnvironmentSpecification a = EnvironmentSpecification.parse("name: x\ndependencies: [numpy, python]\n");
        EnvironmentSpecification b =
                EnvironmentSpecification.parse("{\"name\": \"x\", \"dependencies\": [\"python\", \"numpy\"]}");
        EnvironmentSpecification c = EnvironmentSpecification.parse("name: x\ndependencies: [numpy, python=3.12]\n");
        assertEquals(a.sha256(), b.sha256());
        assertNotEquals(a.sha256(), c.sha256());
    }

    @Test
    void formatsFloatsAsPythonRepr() {
        assertEquals("1.0", SpecificationHash.pythonFloat(1.0));
        assertEquals("1e-05", SpecificationHash.pythonFloat(0.00001));
        assertEquals("0.1", SpecificationHash.pythonFloat(0.1));
        assertEquals("1e+16", SpecificationHash.pythonFloat(1e16));
    }
}
