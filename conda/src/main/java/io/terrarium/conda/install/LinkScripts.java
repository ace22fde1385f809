package io.terrarium.conda.install;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a package's link scripts ({@code bin/.<name>-pre-link.sh}, {@code bin/.<name>-post-link.sh}) as conda does
 * on Unix, and collects what they leave in {@code $PREFIX/.messages.txt}.
 *
 * <p>Post-link runs inside the activated environment, like conda's {@code run_script(..., activate=True)}: a bash
 * wrapper exports {@code CONDA_PREFIX}, puts {@code $PREFIX/bin} on {@code PATH}, sources the prefix's
 * {@code etc/conda/activate.d/*.sh} and then sources the script (so a script may {@code return}). Pre-link runs
 * from the extracted package with {@code bash -x}. Both get {@code ROOT_PREFIX}, {@code PREFIX}, {@code PKG_NAME},
 * {@code PKG_VERSION}, {@code PKG_BUILDNUM} and the script's directory first on {@code PATH}, cwd = that directory.
 */
final class LinkScripts {
    static final String MESSAGES_FILE = ".messages.txt";

    private static final String ACTIVATE_AND_SOURCE = ""
            + "export CONDA_PREFIX=\"$PREFIX\"\n"
            + "export CONDA_SHLVL=1\n"
            + "export CONDA_DEFAULT_ENV=\"$PREFIX\"\n"
            + "export PATH=\"$PREFIX/bin:$PATH\"\n"
            + "for __f in \"$PREFIX\"/etc/conda/activate.d/*.sh; do\n"
            + "  if [ -f \"$__f\" ]; then . \"$__f\"; fi\n"
            + "done\n"
            + "unset __f\n"
            + ". \"$TERRARIUM_LINK_SCRIPT\"\n";

    private final Path prefix;
    private final String rootPrefix;
    private final Duration timeout;

    LinkScripts(Path prefix, String rootPrefix, Duration timeout) {
        this.prefix = prefix;
        this.rootPrefix = rootPrefix == null ? prefix.toString() : rootPrefix;
        this.timeout = timeout;
    }

    /** Script path for an action inside a root ({@code bin/.<name>-<action>.sh}). */
    static Path scriptPath(Path root, String packageName, String action) {
        return root.resolve("bin").resolve("." + packageName + "-" + action + ".sh");
    }

    /** Runs the package's pre-link script from its extracted directory, if it has one. */
    void preLink(PackageRecord record, Path extractedDir, List<String> messages) throws IOException {
        Path script = scriptPath(extractedDir, record.name(), "pre-link");
        if (Files.isRegularFile(script)) {
            run(
                    record,
                    "pre-link",
                    script,
                    List.of("/bin/bash", "-x", script.toString()),
                    Map.of("SOURCE_DIR", prefix.toString()),
                    messages);
        }
    }

    /** Runs the package's post-link script from the prefix, if it has one. */
    void postLink(PackageRecord record, List<String> messages) throws IOException {
        Path script = scriptPath(prefix, record.name(), "post-link");
        if (Files.isRegularFile(script)) {
            run(
                    record,
                    "post-link",
                    script,
                    List.of("/bin/bash", "-c", ACTIVATE_AND_SOURCE),
                    Map.of("TERRARIUM_LINK_SCRIPT", script.toString()),
                    messages);
        }
    }

    /**
     * Runs the pre-unlink script of an installed record about to be replaced, if it has one. As in conda, a failure
     * only warns.
     */
    void preUnlink(PackageRecord record, List<String> messages, List<String> warnings) throws IOException {
        Path script = scriptPath(prefix, record.name(), "pre-unlink");
        if (Files.isRegularFile(script)) {
            try {
                run(record, "pre-unlink", script, List.of("/bin/bash", "-x", script.toString()), Map.of(), messages);
            } catch (LinkScriptException e) {
                warnings.add(e.getMessage());
            }
        }
    }

    private void run(
            PackageRecord record,
            String action,
            Path script,
            List<String> command,
            Map<String, String> extraEnv,
            List<String> messages)
            throws IOException {
        Path out = Files.createTempFile("terrarium-" + action, ".out");
        Path err = Files.createTempFile("terrarium-" + action, ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.directory(script.getParent().toFile());
            Map<String, String> env = pb.environment();
            env.put("ROOT_PREFIX", rootPrefix);
            env.put("PREFIX", prefix.toString());
            env.put("PKG_NAME", record.name());
            env.put("PKG_VERSION", record.versionText());
            env.put("PKG_BUILDNUM", Long.toString(record.buildNumber()));
            env.put("PATH", script.getParent() + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
            env.putAll(extraEnv);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InstallException(action + " script of " + record.dist() + " was interrupted", e);
            }
            if (!finished) {
                p.destroyForcibly();
            }
            String scriptMessages = collectMessages();
            if (!scriptMessages.isEmpty()) {
                messages.add(record.dist() + ": " + scriptMessages);
            }
            int rc = finished ? p.exitValue() : -1;
            if (rc != 0) {
                String stdout = Files.readString(out, StandardCharsets.UTF_8);
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                String why =
                        finished ? "exited with code " + rc : "did not finish within " + timeout.toSeconds() + " s";
                throw new LinkScriptException(
                        action + " script of " + record.dist() + " " + why
                                + "\nscript: " + script
                                + "\n==> script messages <==\n" + (scriptMessages.isEmpty() ? "<None>" : scriptMessages)
                                + "\n==> stdout <==\n" + stdout + "\n==> stderr <==\n" + stderr,
                        rc,
                        stdout + stderr);
            }
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Reads and deletes {@code $PREFIX/.messages.txt} (scripts append to it; conda shows and removes it). */
    String collectMessages() throws IOException {
        Path f = prefix.resolve(MESSAGES_FILE);
        if (!Files.isRegularFile(f)) {
            return "";
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).strip();
        Files.delete(f);
        return text;
    }

    /** The package's {@code info/prelink_messages/*} texts, in file-name order. */
    static List<String> prelinkMessages(PackageRecord record, Path extractedDir) throws IOException {
        Path dir = extractedDir.resolve("info").resolve("prelink_messages");
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (var s = Files.list(dir)) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    out.add(record.dist() + ": "
                            + Files.readString(p, StandardCharsets.UTF_8).strip());
                }
            }
        }
        return out;
    }
}
