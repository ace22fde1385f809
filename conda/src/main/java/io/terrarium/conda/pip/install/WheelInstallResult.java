package io.terrarium.conda.pip.install;

import java.util.List;

/**
 * What installing one wheel did.
 *
 * @param distInfo         the prefix-relative {@code .dist-info} directory
 * @param files            prefix-relative files the RECORD lists
 * @param alreadyInstalled whether the wheel was found installed and left alone
 * @param warnings         non-fatal problems (byte-compilation)
 */
public record WheelInstallResult(String distInfo, List<String> files, boolean alreadyInstalled, List<String> warnings) {
    public WheelInstallResult {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }
}
