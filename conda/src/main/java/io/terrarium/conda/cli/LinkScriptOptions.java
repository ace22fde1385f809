package io.terrarium.conda.cli;

import io.terrarium.conda.install.InstallOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The link-script options shared by the commands that link packages: turn scripts off, bound their run time. */
public final class LinkScriptOptions {

    @Option(
            names = "--no-link-scripts",
            description = "Do not run packages' pre-link, post-link and pre-unlink scripts (each skip is a warning).")
    boolean noLinkScripts;

    @Option(
            names = "--link-script-timeout",
            paramLabel = "SECONDS",
            description = "Kill a link script (with all its processes) and fail after this many seconds "
                    + "(default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 300;

    /** @return the install options with these settings */
    InstallOptions apply(InstallOptions options) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--link-script-timeout must be at least 1 second");
        }
        return options.withLinkScripts(!noLinkScripts).withScriptTimeout(Duration.ofSeconds(timeoutSeconds));
    }
}
