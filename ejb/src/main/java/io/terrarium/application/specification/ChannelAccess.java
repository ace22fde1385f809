package io.terrarium.application.specification;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.settings.EffectiveSettings;
import io.terrarium.application.settings.SettingKey;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.repodata.UrlCredentials;
import io.terrarium.domain.model.specification.LockfileSpecification;
import io.terrarium.infrastructure.config.ChannelResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which channels a caller may build from: channels on the server's own file system ({@code file://} URLs
 * and paths) only for a global administrator, except the store's own local channels such as {@code demo}; the
 * packages of a submitted lockfile only from allowed channels; and a channel allow-list widened below the global
 * level only by a global administrator.
 */
@ApplicationScoped
public class ChannelAccess {

    @Inject
    ChannelResolver channels;

    @Inject
    AuthorizationService authorization;

    public ChannelAccess() {}

    ChannelAccess(ChannelResolver channels, AuthorizationService authorization) {
        this.channels = channels;
        this.authorization = authorization;
    }

    /**
     * @param written channels as written in a specification or setting (names, paths, URLs)
     * @throws RequestRejectedException FORBIDDEN naming the first channel on the server's file system that is not a
     *                                  store channel, unless the caller is a global administrator
     */
    public void requireUsable(List<String> written) {
        for (String channel : written) {
            requireUsableUrl(channel, channels.resolve(channel));
        }
    }

    /**
     * A rebuild runs the stored specification again as its new caller: that caller must be allowed its channels and
     * pip indexes, and a stored lockfile must still keep to the allow-list, as at submission.
     *
     * @param specJson the stored specification, as {@link io.terrarium.domain.model.specification.Specification}
     *                 keeps it
     */
    public void requireRebuildable(String specJson, boolean lockfile, String name, EffectiveSettings settings) {
        Map<String, Object> spec = Json.parseObject(specJson);
        if (lockfile) {
            requireLockfileAllowed(LockfileSpecification.fromTree(spec.get("lockfile"), name, null), settings);
            return;
        }
        requireUsable(Json.strings(spec, "channels"));
        if (spec.get("dependencies") instanceof List<?> dependencies) {
            for (Object d : dependencies) {
                if (d instanceof Map<?, ?> m && m.get("pip") instanceof List<?> pip) {
                    requirePipUsable(pip.stream().map(String::valueOf).toList());
                }
            }
        }
    }

    /**
     * A pip section reads the server's disk through {@code file:} index URLs and direct references just as a channel
     * does; those take a global administrator too.
     *
     * @param pip the pip lines of a specification (requirements and index options); null for none
     */
    public void requirePipUsable(List<String> pip) {
        if (pip == null || authorization.isGlobalAdmin()) {
            return;
        }
        for (String line : pip) {
            if (line.toLowerCase(java.util.Locale.ROOT).contains("file:")) {
                throw new RequestRejectedException(
                        RequestRejectedException.Reason.FORBIDDEN,
                        "pip entry '" + UrlCredentials.redact(line) + "' reads a path on the server; only a global "
                                + "administrator (admin on */*) may use file: URLs; use an http(s) index");
            }
        }
    }

    private void requireUsableUrl(String shown, String url) {
        if (channels.isOnServer(url) && !channels.isStoreChannel(url) && !authorization.isGlobalAdmin()) {
            throw new RequestRejectedException(
                    RequestRejectedException.Reason.FORBIDDEN,
                    "channel '" + UrlCredentials.redact(shown) + "' is a path on the server ("
                            + UrlCredentials.redact(url)
                            + "); only a global administrator (admin on */*) may build from file:// URLs and local "
                            + "paths; use an http(s) channel or one of the store's own channels");
        }
    }

    /**
     * Checks every package of a submitted lockfile: its channel (the package URL without {@code <subdir>/<file>})
     * must be usable by the caller and, when the settings in force have an allow-list, on it.
     *
     * @throws RequestRejectedException FORBIDDEN for a server path (non-admin), INVALID naming a channel outside the
     *                                  allow-list
     */
    public void requireLockfileAllowed(LockfileSpecification lockfile, EffectiveSettings settings) {
        Set<String> lockChannels = new LinkedHashSet<>();
        Object packages = lockfile.lockfile().get("package");
        if (packages instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> pkg && pkg.get("url") instanceof String url) {
                    // a pip wheel comes from an index, not a channel, but a file:// one still reads the server's disk
                    requireUsableUrl(url.trim(), url.trim());
                    if (!"pip".equals(pkg.get("manager"))) {
                        lockChannels.add(channelOf(url.trim()));
                    }
                }
            }
        }
        List<String> allowed = settings.list(SettingKey.CONDA_ALLOWED_CHANNELS);
        if (allowed.isEmpty()) {
            return;
        }
        Set<String> allowedUrls = comparable(allowed);
        Set<String> refused = new TreeSet<>();
        for (String channel : lockChannels) {
            if (!allowedUrls.contains(UrlCredentials.strip(channel))) {
                refused.add(UrlCredentials.redact(channel));
            }
        }
        if (!refused.isEmpty()) {
            throw RequestRejectedException.invalid("lockfile packages come from channels " + refused
                    + " not allowed in specification; allowed channels: " + allowed);
        }
    }

    /**
     * Below the global level, an allow-list may only narrow the global one: allowing a channel the global list
     * does not (or allowing every channel, with an empty list, while the global list is not empty) takes a global
     * administrator.
     *
     * @param requested the list to set at namespace or environment level
     * @param global    the global settings in force
     * @throws RequestRejectedException FORBIDDEN naming the channels that would be added
     */
    public void requireMayAllow(List<String> requested, EffectiveSettings global) {
        requireUsable(requested);
        List<String> globalList = global.list(SettingKey.CONDA_ALLOWED_CHANNELS);
        if (globalList.isEmpty() || authorization.isGlobalAdmin()) {
            return;
        }
        if (requested.isEmpty()) {
            throw new RequestRejectedException(
                    RequestRejectedException.Reason.FORBIDDEN,
                    "an empty conda_allowed_channels allows every channel, more than the global list " + globalList
                            + "; only a global administrator may widen it");
        }
        Set<String> globalUrls = comparable(globalList);
        List<String> added = new ArrayList<>();
        for (String channel : requested) {
            if (!globalUrls.contains(UrlCredentials.strip(channels.resolve(channel)))) {
                added.add(UrlCredentials.redact(channel));
            }
        }
        if (!added.isEmpty()) {
            throw new RequestRejectedException(
                    RequestRejectedException.Reason.FORBIDDEN,
                    "conda_allowed_channels " + added + " are not in the global allow-list " + globalList
                            + "; only a global administrator may allow channels beyond it");
        }
    }

    private Set<String> comparable(List<String> written) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : written) {
            out.add(UrlCredentials.strip(channels.resolve(c)));
        }
        return out;
    }

    /** @return the channel URL of a package URL: without its last two segments ({@code <subdir>/<file>}) */
    static String channelOf(String packageUrl) {
        String url = packageUrl;
        int hash = url.indexOf('#');
        if (hash >= 0) {
            url = url.substring(0, hash);
        }
        for (int i = 0; i < 2; i++) {
            int slash = url.lastIndexOf('/');
            if (slash <= url.indexOf("://") + 2) {
                return url;
            }
            url = url.substring(0, slash);
        }
        return url;
    }
}
