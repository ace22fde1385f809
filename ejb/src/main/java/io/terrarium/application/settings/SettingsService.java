package io.terrarium.application.settings;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.specification.ChannelAccess;
import io.terrarium.conda.json.Json;
import io.terrarium.infrastructure.config.TerrariumConfig;
import io.terrarium.infrastructure.persistence.SettingRepository;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads and writes the runtime settings at global, namespace and environment level: effective value =
 * deployment default, overridden by the stored global, then namespace, then environment value (lists replace,
 * they do not merge). Global-only keys are ignored below the global level.
 */
@Stateless
public class SettingsService {

    static final String GLOBAL_PREFIX = "setting";

    @Inject
    private SettingRepository settings;

    @Inject
    private TerrariumConfig config;

    @Inject
    private ChannelAccess channelAccess;

    /**
     * @param namespace null for the global level
     * @param environment null for the global or namespace level
     */
    public EffectiveSettings effective(String namespace, String environment) {
        Map<String, Object> values = defaults();
        overlay(values, GLOBAL_PREFIX, true);
        if (namespace != null) {
            overlay(values, prefix(namespace, null), false);
            if (environment != null) {
                overlay(values, prefix(namespace, environment), false);
            }
        }
        return new EffectiveSettings(values);
    }

    /**
     * Validates and stores setting values at one level.
     *
     * @return the keys written, sorted
     * @throws RequestRejectedException (INVALID) for unknown keys, global keys below the global level, wrong types
     */
    public List<String> update(String namespace, String environment, Map<String, Object> newValues) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : newValues.keySet()) {
            if (SettingKey.of(key).isEmpty()) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw RequestRejectedException.invalid("Invalid setting keys " + unknown);
        }
        Map<SettingKey, Object> coerced = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : newValues.entrySet()) {
            SettingKey key = SettingKey.of(e.getKey()).orElseThrow();
            if (namespace != null && key.isGlobal()) {
                throw RequestRejectedException.invalid("Setting " + key.key()
                        + " is a global setting and cannot be set within a namespace or environment");
            }
            try {
                coerced.put(key, key.coerce(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw RequestRejectedException.invalid(ex.getMessage());
            }
        }
        checkChannels(namespace, coerced);
        String prefix = prefix(namespace, environment);
        coerced.forEach((key, value) -> settings.put(prefix, key.key(), Json.write(value)));
        return new ArrayList<>(new TreeSet<>(newValues.keySet()));
    }

    /**
     * Channel settings name channels builds will read: server paths take a global administrator, and below the
     * global level the allow-list may only narrow the global one.
     */
    @SuppressWarnings("unchecked")
    private void checkChannels(String namespace, Map<SettingKey, Object> coerced) {
        Object defaults = coerced.get(SettingKey.CONDA_DEFAULT_CHANNELS);
        if (defaults instanceof List<?> list) {
            channelAccess.requireUsable((List<String>) list);
        }
        Object allowed = coerced.get(SettingKey.CONDA_ALLOWED_CHANNELS);
        if (allowed instanceof List<?> list) {
            if (namespace == null) {
                channelAccess.requireUsable((List<String>) list);
            } else {
                channelAccess.requireMayAllow((List<String>) list, effective(null, null));
            }
        }
    }

    static String prefix(String namespace, String environment) {
        if (namespace == null) {
            return GLOBAL_PREFIX;
        }
        return environment == null
                ? GLOBAL_PREFIX + "/" + namespace
                : GLOBAL_PREFIX + "/" + namespace + "/" + environment;
    }

    private void overlay(Map<String, Object> values, String prefix, boolean global) {
        settings.atPrefix(prefix)
                .forEach(s -> SettingKey.of(s.getKey()).ifPresent(key -> {
                    if (global || !key.isGlobal()) {
                        values.put(key.key(), Json.parse(s.getValueJson()));
                    }
                }));
    }

    /** Deployment defaults: conda-store's, with channels and platform from the server configuration. */
    private Map<String, Object> defaults() {
        String platform = config.platform();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(SettingKey.DEFAULT_NAMESPACE.key(), "default");
        d.put(SettingKey.FILESYSTEM_NAMESPACE.key(), "filesystem");
        d.put(SettingKey.DEFAULT_UID.key(), null);
        d.put(SettingKey.DEFAULT_GID.key(), null);
        d.put(SettingKey.DEFAULT_PERMISSIONS.key(), "775");
        d.put(SettingKey.STORAGE_THRESHOLD.key(), 5L * 1024 * 1024 * 1024);
        d.put(SettingKey.CONDA_COMMAND.key(), "terrarium");
        d.put(SettingKey.CONDA_PLATFORMS.key(), List.of(platform, "noarch"));
        d.put(SettingKey.CONDA_MAX_SOLVE_TIME.key(), 300L);
        // the shipped demo channel works offline; a team adds conda-forge or its own channels with PUT /api/v1/setting/
        d.put(SettingKey.CONDA_INDEXED_CHANNELS.key(), List.of(TerrariumConfig.DEMO_CHANNEL));
        d.put(SettingKey.BUILD_ARTIFACTS_KEPT_ON_DELETION.key(), List.of("LOGS", "LOCKFILE", "YAML"));
        d.put(SettingKey.BUILD_KEY_VERSION.key(), 2L);
        d.put(SettingKey.CONDA_SOLVE_PLATFORMS.key(), List.of(platform));
        d.put(SettingKey.CONDA_CHANNEL_ALIAS.key(), config.channelAlias());
        d.put(SettingKey.CONDA_DEFAULT_CHANNELS.key(), config.defaultChannels());
        d.put(SettingKey.CONDA_ALLOWED_CHANNELS.key(), config.allowedChannels());
        d.put(SettingKey.CONDA_DEFAULT_PACKAGES.key(), List.of());
        d.put(SettingKey.CONDA_REQUIRED_PACKAGES.key(), List.of());
        d.put(SettingKey.CONDA_INCLUDED_PACKAGES.key(), List.of());
        d.put(SettingKey.PYPI_DEFAULT_PACKAGES.key(), List.of());
        d.put(SettingKey.PYPI_REQUIRED_PACKAGES.key(), List.of());
        d.put(SettingKey.PYPI_INCLUDED_PACKAGES.key(), List.of());
        d.put(SettingKey.BUILD_ARTIFACTS.key(), List.of("LOCKFILE", "YAML", "CONDA_PACK"));
        return d;
    }
}
