package io.terrarium.conda;

import io.terrarium.conda.types.MatchSpec;
import io.terrarium.conda.types.PackageRecord;
import java.util.List;

/** Package names of match specs, and the user's spec that asked for a record. */
final class SpecNames {
    private SpecNames() {}

    /** The package name a spec names, or "" when it names none ({@code *}) or does not parse. */
    static String nameOf(String spec) {
        try {
            String n = MatchSpec.parse(spec).name();
            return n == null ? "" : n;
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** The spec of {@code specs} that names {@code record}'s package, or null. */
    static String requestedSpec(List<String> specs, PackageRecord record) {
        for (String s : specs) {
            if (nameOf(s).equals(record.name())) {
                return s;
            }
        }
        return null;
    }
}
