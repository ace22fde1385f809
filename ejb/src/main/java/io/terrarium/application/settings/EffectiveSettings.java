package io.terrarium.application.settings;

import io.terrarium.domain.model.build.BuildArtifactType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings in force for one scope (global, a namespace or an environment), after merging deployment
 * defaults with the stored global, namespace and environment values.
 */
public final class EffectiveSettings {

    private final Map<String, Object> values;

    /** @param values setting key to value; keys missing here read as null / empty lists */
    public EffectiveSettings(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** @return every key with its effective value, in {@link SettingKey} order */
    public Map<String, Object> asMap() {
        return values;
    }

    public Object get(SettingKey key) {
        return values.get(key.key());
    }

    @SuppressWarnings("unchecked")
    public List<String> list(SettingKey key) {
        Object v = values.get(key.key());
        return v == null ? List.of() : (List<String>) v;
    }

    public String string(SettingKey key) {
        Object v = values.get(key.key());
        return v == null ? null : v.toString();
    }

    public long number(SettingKey key) {
        return ((Number) values.get(key.key())).longValue();
    }

    public String defaultNamespace() {
        return string(SettingKey.DEFAULT_NAMESPACE);
    }

    public int buildKeyVersion() {
        return (int) number(SettingKey.BUILD_KEY_VERSION);
    }

    public List<BuildArtifactType> buildArtifacts() {
        return list(SettingKey.BUILD_ARTIFACTS).stream()
                .map(BuildArtifactType::valueOf)
                .toList();
    }

    public List<BuildArtifactType> buildArtifactsKeptOnDeletion() {
        return list(SettingKey.BUILD_ARTIFACTS_KEPT_ON_DELETION).stream()
                .map(BuildArtifactType::valueOf)
                .toList();
    }
}
