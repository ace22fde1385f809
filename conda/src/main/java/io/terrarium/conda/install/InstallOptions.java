package io.terrarium.conda.install;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the installer links: clobber policy, whether hard links are allowed, link-script timeout, the clock used for
 * the history entry and the command recorded there.
 *
 * @param clobberPolicy  what to do when a record overwrites another record's file
 * @param allowHardlinks false forces copies (conda's {@code always_copy})
 * @param compilePython  byte-compile {@code noarch: python} files when the prefix has a python that runs
 * @param scriptTimeout  how long a link script may run before it is killed and the record fails
 * @param clock          time source of the {@code conda-meta/history} entry (fixed in tests for reproducible prefixes)
 * @param command        command line recorded in {@code conda-meta/history}
 * @param rootPrefix     {@code ROOT_PREFIX} given to link scripts (conda's base environment); null = the target prefix
 * @param runLinkScripts false skips every pre-link, post-link and pre-unlink script (each skip is a warning of the
 *                       record): for servers that do not let packages run code
 */
public record InstallOptions(
        ClobberPolicy clobberPolicy,
        boolean allowHardlinks,
        boolean compilePython,
        Duration scriptTimeout,
        Clock clock,
        String command,
        String rootPrefix,
        boolean runLinkScripts) {
    /** Engine version written into history entries. */
    public static final String ENGINE_VERSION = "0.1.0";

    public InstallOptions {
        Objects.requireNonNull(clobberPolicy, "clobberPolicy");
        Objects.requireNonNull(scriptTimeout, "scriptTimeout");
        Objects.requireNonNull(clock, "clock");
    }

    /** conda's defaults: clobber with a warning, hard links where possible, compile, 10 minutes per script. */
    public static InstallOptions defaults() {
        return new InstallOptions(
                ClobberPolicy.WARN,
                true,
                true,
                Duration.ofMinutes(10),
                Clock.systemUTC(),
                "terrarium install",
                null,
                true);
    }

    public InstallOptions withClobberPolicy(ClobberPolicy p) {
        return new InstallOptions(
                p, allowHardlinks, compilePython, scriptTimeout, clock, command, rootPrefix, runLinkScripts);
    }

    public InstallOptions withHardlinks(boolean allow) {
        return new InstallOptions(
                clobberPolicy, allow, compilePython, scriptTimeout, clock, command, rootPrefix, runLinkScripts);
    }

    public InstallOptions withCompilePython(boolean compile) {
        return new InstallOptions(
                clobberPolicy, allowHardlinks, compile, scriptTimeout, clock, command, rootPrefix, runLinkScripts);
    }

    public InstallOptions withScriptTimeout(Duration d) {
        return new InstallOptions(
                clobberPolicy, allowHardlinks, compilePython, d, clock, command, rootPrefix, runLinkScripts);
    }

    public InstallOptions withClock(Clock c) {
        return new InstallOptions(
                clobberPolicy, allowHardlinks, compilePython, scriptTimeout, c, command, rootPrefix, runLinkScripts);
    }

    public InstallOptions withCommand(String cmd) {
        return new InstallOptions(
                clobberPolicy, allowHardlinks, compilePython, scriptTimeout, clock, cmd, rootPrefix, runLinkScripts);
    }

    public InstallOptions withRootPrefix(String root) {
        return new InstallOptions(
                clobberPolicy, allowHardlinks, compilePython, scriptTimeout, clock, command, root, runLinkScripts);
    }

    public InstallOptions withLinkScripts(boolean run) {
        return new InstallOptions(
                clobberPolicy, allowHardlinks, compilePython, scriptTimeout, clock, command, rootPrefix, run);
    }
}
