package io.terrarium.conda.pip.wheel;

import io.terrarium.conda.pip.requirement.InvalidRequirementException;
import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.version.PipVersion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parsed wheel file name, {@code {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl}, with its compressed
 * tag sets ({@code py2.py3-none-any}) expanded.
 *
 * @param name     the distribution name
 * @param version  the version
 * @param build    the build tag, or null
 * @param tags     every {@code python-abi-platform} triple the file declares
 * @param filename the file name as given
 */
public record WheelFilename(PackageName name, PipVersion version, String build, Set<String> tags, String filename) {

    public WheelFilename {
        tags = Set.copyOf(tags);
    }

    /** Parses a wheel file name; throws {@link InvalidWheelException} naming it when it is malformed. */
    public static WheelFilename parse(String filename) {
        if (!filename.toLowerCase(Locale.ROOT).endsWith(".whl")) {
            throw new InvalidWheelException("not a wheel file name: " + filename);
        }
        String[] parts = filename.substring(0, filename.length() - 4).split("-");
        if (parts.length != 5 && parts.length != 6) {
            throw new InvalidWheelException("a wheel file name has 5 or 6 dash-separated parts: " + filename);
        }
        PackageName name;
        try {
            name = PackageName.of(parts[0]);
        } catch (InvalidRequirementException e) {
            throw new InvalidWheelException("invalid name in wheel file name " + filename);
        }
        PipVersion version = PipVersion.tryParse(parts[1]);
        if (version == null) {
            throw new InvalidWheelException("invalid version '" + parts[1] + "' in wheel file name " + filename);
        }
        String build = null;
        if (parts.length == 6) {
            build = parts[2];
            if (build.isEmpty() || !Character.isDigit(build.charAt(0))) {
                throw new InvalidWheelException("a build tag starts with a digit: " + filename);
            }
        }
        int t = parts.length - 3;
        Set<String> tags = new LinkedHashSet<>();
        for (String py : parts[t].split("\\.")) {
            for (String abi : parts[t + 1].split("\\.")) {
                for (String plat : parts[t + 2].split("\\.")) {
                    tags.add(py.toLowerCase(Locale.ROOT) + "-" + abi.toLowerCase(Locale.ROOT) + "-"
                            + plat.toLowerCase(Locale.ROOT));
                }
            }
        }
        return new WheelFilename(name, version, build, tags, filename);
    }

    /** The build tag as pip sorts it: its leading number, then the rest. */
    public List<Object> buildKey() {
        List<Object> key = new ArrayList<>();
        if (build == null) {
            return key;
        }
        int i = 0;
        while (i < build.length() && Character.isDigit(build.charAt(i))) {
            i++;
        }
        key.add(Long.parseLong(build.substring(0, Math.min(i, 18))));
        key.add(build.substring(i));
        return key;
    }
}
