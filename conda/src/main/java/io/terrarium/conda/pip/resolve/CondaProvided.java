package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.requirement.PackageName;
import io.terrarium.conda.pip.version.PipVersion;

/**
 * A package the conda solution installs, which satisfies pip requirements on the same normalised name when its
 * version matches (as conda-lock treats them) and is then never installed from the index.
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
}
