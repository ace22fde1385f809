package io.terrarium.conda.install;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Byte-compiles the {@code .py} files a {@code noarch: python} record installed, with the prefix's own python
 * ({@code python -Wi -m compileall -q -l -i -}, as conda does). Failure is never fatal: it becomes a warning.
 */
public final class PythonCompiler {
    private final Path prefix;
    private final PythonInfo python;

    public PythonCompiler(Path prefix, PythonInfo python) {
        this.prefix = prefix;
        this.python = python;
    }

    /** The prefix's interpreter ({@code bin/pythonM.m}, else {@code bin/python}), or null when it has none. */
    public Path interpreter() {
        for (String rel : new String[] {python.interpreter(), "bin/python"}) {
            Path p = prefix.resolve(rel);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Compiles the given prefix-relative {@code .py} files; returns the prefix-relative byte-code files that exist
     * afterwards. Problems are appended to {@code warnings}.
     */
    public List<String> compile(List<String> pyFiles, List<String> warnings, long timeoutMillis) throws IOException {
        List<String> pycs = new ArrayList<>();
        if (pyFiles.isEmpty()) {
            return pycs;
        }
        Path exe = interpreter();
        if (exe == null) {
            warnings.add("no python in " + prefix + " to byte-compile " + pyFiles.size() + " file(s)");
            return pycs;
        }
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), "-Wi", "-m", "compileall", "-q", "-l"));
        if (!python.isPython2()) {
            cmd.addAll(List.of("-j", "0")); // one worker per core, as conda does for Python 3
        }
        cmd.addAll(List.of("-i", "-"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.directory(prefix.toFile());
        pb.redirectErrorStream(true);
        Path log = Files.createTempFile("terrarium-compileall", ".log");
        try {
            pb.redirectOutput(log.toFile());
            Process p = pb.start();
            try (OutputStream in = p.getOutputStream()) {
                for (String f : pyFiles) {
                    in.write((prefix.resolve(f) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the interpreter exited early; its output says why
            }
            boolean done;
            try {
                done = p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InstallException("byte-compilation in " + prefix + " was interrupted", e);
            }
            if (!done) {
                p.destroyForcibly();
                warnings.add("byte-compilation with " + exe + " did not finish in time");
            } else if (p.exitValue() != 0) {
                String out = Files.readString(log, StandardCharsets.UTF_8).strip();
                warnings.add("byte-compilation with " + exe + " exited with " + p.exitValue()
                        + (out.isEmpty() ? "" : ": " + out));
            }
        } catch (IOException e) {
            warnings.add("cannot run " + exe + " to byte-compile: " + e.getMessage());
        } finally {
            Files.deleteIfExists(log);
        }
        for (String f : pyFiles) {
            String pyc = python.pycPath(f);
            if (Files.isRegularFile(prefix.resolve(pyc), LinkOption.NOFOLLOW_LINKS)) {
                pycs.add(pyc);
            }
        }
        return pycs;
    }
}
