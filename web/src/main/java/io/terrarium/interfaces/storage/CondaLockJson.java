package io.terrarium.interfaces.storage;

import io.terrarium.conda.lock.CondaLock;
import io.terrarium.conda.lock.CondaLockYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conda-lock v1 lockfile as the JSON tree conda-store serves from its lockfile routes: {@code metadata},
 * {@code package} and {@code version}, with the keys conda-lock writes.
 */
public final class CondaLockJson {

    private CondaLockJson() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> tree(CondaLock lock) {
        return (Map<String, Object>) jsonValue(CondaLockYaml.tree(lock));
    }

    /** The optional metadata sections are kept as read from YAML, which may hold timestamps: JSON gets their text. */
    private static Object jsonValue(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), jsonValue(v)));
            return copy;
        }
        if (value instanceof Iterable<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(v -> copy.add(jsonValue(v)));
            return copy;
        }
        return String.valueOf(value);
    }
}
