package io.terrarium.interfaces.rest;

import io.terrarium.conda.lock.CondaLock;
import io.terrarium.conda.lock.LockedPackage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A conda-lock v1 lockfile as the JSON tree conda-store serves from its lockfile routes: {@code metadata},
 * {@code package} and {@code version}, with the keys conda-lock writes.
 */
final class CondaLockJson {

    private CondaLockJson() {}

    static Map<String, Object> tree(CondaLock lock) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", CondaLock.VERSION);
        doc.put("metadata", metadata(lock.metadata()));
        List<Object> packages = new ArrayList<>();
        for (LockedPackage p : lock.packages()) {
            packages.add(lockedPackage(p));
        }
        doc.put("package", packages);
        return doc;
    }

    private static Map<String, Object> metadata(CondaLock.Metadata md) {
        Map<String, Object> m = new TreeMap<>();
        List<Object> channels = new ArrayList<>();
        for (CondaLock.LockChannel c : md.channels()) {
            Map<String, Object> channel = new LinkedHashMap<>();
            channel.put("url", c.url());
            channel.put("used_env_vars", c.usedEnvVars());
            channels.add(channel);
        }
        m.put("channels", channels);
        m.put("content_hash", new TreeMap<>(md.contentHash()));
        m.put("platforms", md.platforms());
        m.put("sources", md.sources());
        md.optional().forEach((key, value) -> m.put(key, jsonValue(value)));
        return m;
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

    private static Map<String, Object> lockedPackage(LockedPackage p) {
        Map<String, Object> m = new TreeMap<>();
        if (p.build() != null && p.manager() == LockedPackage.Manager.CONDA) {
            m.put("build", p.build());
        }
        m.put("category", p.category());
        m.put("dependencies", new LinkedHashMap<>(p.dependencies()));
        Map<String, Object> hash = new LinkedHashMap<>();
        if (p.md5() != null) {
            hash.put("md5", p.md5());
        }
        if (p.sha256() != null) {
            hash.put("sha256", p.sha256());
        }
        m.put("hash", hash);
        m.put("manager", p.manager().yamlName());
        m.put("name", p.name());
        m.put("optional", p.optional());
        m.put("platform", p.platform());
        m.put("url", p.url());
        m.put("version", p.version());
        return m;
    }
}
