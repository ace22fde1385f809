package io.terrarium.conda.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesIntoOrderedPlainJavaValues() {
        Object v = Json.parse("{\"b\": [1, 2.5, \"s\", true, null, {}], \"a\": 18446744073709551616}");
        Map<String, Object> m = Json.asObject(v);
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        assertEquals(java.util.Arrays.asList(1L, 2.5, "s", true, null, Map.of()), m.get("b"));
        assertEquals(new BigInteger("18446744073709551616"), m.get("a"));
    }

    @Test
    void writesCondaStylePrettyJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "x");
        m.put("depends", List.of());
        m.put("paths", List.of(Map.of("_path", "a")));
        assertEquals(
                "{\n  \"name\": \"x\",\n  \"depends\": [],\n  \"paths\": [\n    {\n      \"_path\": \"a\"\n    }\n  ]\n}",
                Json.writePretty(m));
        assertEquals("{\"name\":\"x\",\"depends\":[],\"paths\":[{\"_path\":\"a\"}]}", Json.write(m));
        assertEquals(m, Json.parse(Json.writePretty(m)));
    }

    @Test
    void errorsSayWhere() {
        JsonFormatException e = assertThrows(JsonFormatException.class, () -> Json.parse("{\n  \"a\": [1,\n}"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(assertThrows(JsonFormatException.class, () -> Json.parse("{} {}"))
                .getMessage()
                .contains("trailing"));
        assertTrue(assertThrows(JsonFormatException.class, () -> Json.parseObject("[]"))
                .getMessage()
                .contains("expected a JSON object, found a list"));
        Map<String, Object> m = Json.parseObject("{\"n\": \"1\", \"l\": [1]}");
        assertEquals(1, Json.integer(m, "n", 0));
        assertTrue(assertThrows(JsonFormatException.class, () -> Json.strings(m, "l"))
                .getMessage()
                .contains("'l' must be a list of strings"));
    }
}
