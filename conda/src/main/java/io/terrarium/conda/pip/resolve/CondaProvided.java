package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.version.PipVersion;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Python distribution the conda solution installs, which satisfies pip requirements on the same normalised name
 * when its version matches (as conda-lock treats them) and is then never installed from the index. It is known by
 * the conda record's name, or better by the {@code .dist-info}/{@code .egg-info} directory the record installs, which
 * gives the PyPI name where conda's differs ({@code matplotlib-base} installs {@code matplotlib}).
 *
 * @param name    the normalised name
 * @param version its version
 */
public record CondaProvided(PackageName name, PipVersion version) {

    /** The conda record's name and version, or null when the version is not PEP 440 (such a record cannot match). */
    public static CondaProvided of(String condaName, String condaVersion) {
        PipVersion v = PipVersion.tryParse(condaVersion);
        if (v == null) {
            return null;
        }
        try {
            return new CondaProvided(PackageName.of(condaName), v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The distributions whose metadata directories appear among a conda record's files
     * ({@code lib/python3.11/site-packages/matplotlib-3.8.2.dist-info/METADATA},
     * {@code .../foo-1.0-py3.11.egg-info/PKG-INFO} or a lone {@code .../foo-1.0-py3.11.egg-info} file).
     */
    public static List<CondaProvided> fromFiles(Collection<String> files) {
        Map<String, CondaProvided> out = new LinkedHashMap<>();
        for (String f : files) {
            String[] parts = f.split("/");
            for (int i = 1; i < parts.length; i++) {
                if (!parts[i - 1].equals("site-packages")) {
                    continue;
                }
                String dir = parts[i];
                String stem = dir.endsWith(".dist-info")
                        ? dir.substring(0, dir.length() - 10)
                        : dir.endsWith(".egg-info") ? dir.substring(0, dir.length() - 9) : null;
                if (stem == null) {
                    continue;
                }
                String[] nv = stem.split("-");
                if (nv.length >= 2) {
                    CondaProvided c = of(nv[0], nv[1]);
                    if (c != null) {
                        out.putIfAbsent(c.name().normalized(), c);
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }
}
