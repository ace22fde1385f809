package io.terrarium.conda.install;

import io.terrarium.conda.pkg.FileTrees;
import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs a package's link scripts ({@code bin/.<name>-pre-link.sh}, {@code bin/.<name>-post-link.sh},
 * {@code bin/.<name>-pre-unlink.sh}) as conda does on Unix, and collects what they print and what they leave in
 * {@code $PREFIX/.messages.txt}.
 *
 * <p>Post-link runs inside the activated environment, like conda's {@code run_script(..., activate=True)}: a bash
 * wrapper exports {@code CONDA_PREFIX}, puts {@code $PREFIX/bin} on {@code PATH}, sources the prefix's
 * {@code etc/conda/activate.d/*.sh} and then sources the script (so a script may {@code return}). Pre-link runs
 * from the extracted package with {@code bash -x}. Both get conda's variables {@code ROOT_PREFIX}, {@code PREFIX},
 * {@code PKG_NAME}, {@code PKG_VERSION}, {@code PKG_BUILDNUM} and the script's directory first on {@code PATH}, cwd
 * = that directory.
 *
 * <p>Unlike conda, which hands a script its own whole environment, a script sees only those variables, a fixed
 * system {@code PATH}, {@code LANG} and a scratch {@code HOME}: on a server the caller's environment holds database
 * passwords and tokens that a package must not read. Each script runs in its own process group (via
 * {@code setsid}), which is killed when the script ends or overruns its time limit, so a script leaves no process
 * behind.
 */
final class LinkScripts {
    static final String MESSAGES_FILE = ".messages.txt";

    /** The system part of a script's {@code PATH}, after the script's directory and the prefix's {@code bin}. */
    static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";

    /** How much of each of a script's stdout and stderr is kept (the tail): a log is no place for megabytes. */
    static final int OUTPUT_LIMIT = 64 * 1024;

    private static final String SETSID = "/usr/bin/setsid";

    private static final String ACTIVATE_AND_SOURCE = ""
            + "export CONDA_PREFIX=\"$PREFIX\"\n"
            + "export CONDA_SHLVL=1\n"
            + "export CONDA_DEFAULT_ENV=\"$PREFIX\"\n"
            + "export PATH=\"$PREFIX/bin:$PATH\"\n"
            + "for __f in \"$PREFIX\"/etc/conda/activate.d/*.sh; do\n"
            + "  if [ -f \"$__f\" ]; then . \"$__f\"; fi\n"
            + "done\n"
            + "unset __f\n"
            + "__terrarium_script=\"$1\"\n"
            + "shift\n"
            + ". \"$__terrarium_script\"\n";

    private final Path prefix;
    private final String rootPrefix;
    private final Duration timeout;
    private final boolean enabled;
    private final List<String> warnings;
    private final List<String> output = new ArrayList<>();

    /**
     * @param enabled  false skips every script, adding a warning for each one skipped
     * @param warnings where skipped scripts and failed pre-unlink scripts are reported
     */
    LinkScripts(Path prefix, String rootPrefix, Duration timeout, boolean enabled, List<String> warnings) {
        this.prefix = prefix;
        this.rootPrefix = rootPrefix == null ? prefix.toString() : rootPrefix;
        this.timeout = timeout;
        this.enabled = enabled;
        this.warnings = warnings;
    }

    /** Script path for an action inside a root ({@code bin/.<name>-<action>.sh}). */
    static Path scriptPath(Path root, String packageName, String action) {
        return root.resolve("bin").resolve("." + packageName + "-" + action + ".sh");
    }

    /** @return what the scripts run so far printed, one entry per script that printed anything */
    List<String> output() {
        return List.copyOf(output);
    }

    /** Runs the package's pre-link script from its extracted directory, if it has one. */
    void preLink(PackageRecord record, Path extractedDir, List<String> messages) throws IOException {
        Path script = scriptPath(extractedDir, record.name(), "pre-link");
        if (Files.isRegularFile(script) && allowed(record, "pre-link")) {
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
        if (Files.isRegularFile(script) && allowed(record, "post-link")) {
            run(
                    record,
                    "post-link",
                    script,
                    // the script's path goes in as an argument: an exported variable would show in its environment
                    List.of("/bin/bash", "-c", ACTIVATE_AND_SOURCE, "bash", script.toString()),
                    Map.of(),
                    messages);
        }
    }

    /**
     * Runs the pre-unlink script of an installed record about to be replaced, if it has one. As in conda, a failure
     * only warns.
     */
    void preUnlink(PackageRecord record, List<String> messages) throws IOException {
        Path script = scriptPath(prefix, record.name(), "pre-unlink");
        if (Files.isRegularFile(script) && allowed(record, "pre-unlink")) {
            try {
                run(record, "pre-unlink", script, List.of("/bin/bash", "-x", script.toString()), Map.of(), messages);
            } catch (LinkScriptException e) {
                warnings.add(e.getMessage());
            }
        }
    }

    private boolean allowed(PackageRecord record, String action) {
        if (!enabled) {
            warnings.add(action + " script of " + record.dist() + " not run: link scripts are disabled");
        }
        return enabled;
    }

    /** The whole environment of a script: conda's variables for it and nothing of this process's own. */
    Map<String, String> environment(PackageRecord record, Path script, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        Set<String> path = new LinkedHashSet<>();
        path.add(script.getParent().toString());
        path.add(prefix.resolve("bin").toString());
        path.add(SYSTEM_PATH);
        env.put("PATH", String.join(":", path));
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("ROOT_PREFIX", rootPrefix);
        env.put("PREFIX", prefix.toString());
        env.put("PKG_NAME", record.name());
        env.put("PKG_VERSION", record.versionText());
        env.put("PKG_BUILDNUM", Long.toString(record.buildNumber()));
        return env;
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
        Path home = Files.createTempDirectory("terrarium-" + action + "-home");
        try {
            List<String> full = new ArrayList<>();
            boolean ownGroup = Files.isExecutable(Path.of(SETSID));
            if (ownGroup) {
                full.add(SETSID);
                full.add("-w");
            }
            full.addAll(command);
            ProcessBuilder pb = new ProcessBuilder(full);
            pb.directory(script.getParent().toFile());
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(environment(record, script, home));
            env.putAll(extraEnv);
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.redirectOutput(out.toFile());
            pb.redirectError(err.toFile());
            Process p = pb.start();
            boolean finished;
            try {
                finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(p, ownGroup);
                Thread.currentThread().interrupt();
                throw new InstallException(action + " script of " + record.dist() + " was interrupted", e);
            }
            // also after a normal exit: whatever the script left running in the background goes with it
            killTree(p, ownGroup);
            String stdout = tail(out);
            String stderr = tail(err);
            String printed = (stdout + stderr).strip();
            if (!printed.isEmpty()) {
                output.add(action + " script of " + record.dist() + ":\n" + printed);
            }
            String scriptMessages = collectMessages();
            if (!scriptMessages.isEmpty()) {
                messages.add(record.dist() + ": " + scriptMessages);
            }
            int rc = finished ? p.exitValue() : -1;
            if (rc != 0) {
                String why = finished
                        ? "exited with code " + rc
                        : "did not finish within its time limit of " + seconds(timeout)
                                + " and was killed with all its processes";
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
            FileTrees.delete(home);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Kills the script and every process it started: its process group when it runs under {@code setsid} (which
     * also reaches children that left the script's tree), else its descendants.
     */
    private static void killTree(Process p, boolean ownGroup) {
        if (ownGroup) {
            try {
                Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + p.pid())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
                kill.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // fall through to the descendants below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the last {@link #OUTPUT_LIMIT} bytes of a script's output file, as text */
    private static String tail(Path file) throws IOException {
        long size = Files.size(file);
        if (size <= OUTPUT_LIMIT) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        try (var ch = Files.newByteChannel(file)) {
            ch.position(size - OUTPUT_LIMIT);
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(OUTPUT_LIMIT);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // read the whole tail
            }
            return "[... " + (size - OUTPUT_LIMIT) + " bytes cut ...]\n"
                    + new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
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
