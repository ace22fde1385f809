package io.terrarium.conda.lock;

import io.terrarium.conda.pip.resolve.PinnedWheel;
import io.terrarium.conda.repodata.UrlCredentials;
import io.terrarium.conda.types.PackageRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment YAML that {@code conda env export} writes: {@code name}, {@code channels},
 * {@code dependencies} pinned as {@code name=version=build} (sorted by name) and {@code prefix}.
 */
public final class EnvironmentExport {
    private EnvironmentExport() {}

    /**
     * Renders an export.
     *
     * @param name     environment name ({@code null}: the prefix's directory name)
     * @param channels channels to list; empty: the records' channels in order of first appearance
     * @param records  the installed records
     * @param prefix   the environment's path, or {@code null} to leave {@code prefix} out
     */
    public static String render(String name, List<String> channels, List<PackageRecord> records, String prefix) {
        return render(name, channels, records, List.of(), prefix);
    }

    /**
     * Renders an export with pip packages: they follow the conda pins as a {@code pip:} list of
     * {@code name==version} (sorted by name), as {@code conda env export} lists what pip installed.
     */
    public static String render(
            String name, List<String> channels, List<PackageRecord> records, List<PinnedWheel> pip, String prefix) {
        Map<String, Object> doc = new LinkedHashMap<>();
        String cleanPrefix = prefix == null || prefix.equals("/") ? prefix : prefix.replaceAll("/+$", "");
        String envName = name;
        if (envName == null && cleanPrefix != null) {
            envName = cleanPrefix.substring(cleanPrefix.lastIndexOf('/') + 1);
        }
        if (envName != null) {
            doc.put("name", envName);
        }
        // an export is shared; like conda's, it lists channels without their credentials
        doc.put(
                "channels",
                (channels.isEmpty() ? channelsOf(records) : channels)
                        .stream().map(UrlCredentials::redact).toList());
        List<PackageRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(PackageRecord::name));
        List<Object> deps = new ArrayList<>();
        for (PackageRecord r : sorted) {
            deps.add(r.name() + "=" + r.versionText() + "=" + r.build());
        }
        if (!pip.isEmpty()) {
            List<PinnedWheel> wheels = new ArrayList<>(pip);
            wheels.sort(Comparator.comparing(PinnedWheel::name));
            List<String> pins = new ArrayList<>();
            for (PinnedWheel w : wheels) {
                pins.add(w.name() + "==" + w.version());
            }
            deps.add(Map.of("pip", pins));
        }
        doc.put("dependencies", deps);
        if (cleanPrefix != null) {
            doc.put("prefix", cleanPrefix);
        }
        return YamlOutput.dump(doc);
    }

    private static List<String> channelsOf(List<PackageRecord> records) {
        Set<String> out = new LinkedHashSet<>();
        for (PackageRecord r : records) {
            if (r.channel() != null && !r.channel().isBlank()) {
                out.add(r.channel());
            }
        }
        return List.copyOf(out);
    }
}
