package io.terrarium.conda.solve;

import io.terrarium.conda.types.PackageRecord;
import io.terrarium.conda.types.Platform;
import io.terrarium.conda.types.Version;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The virtual packages ({@code __unix}, {@code __linux}, {@code __glibc}, {@code __osx}, {@code __win},
 * {@code __cuda}, {@code __archspec}) a target system provides, as conda's virtual package plugins report them.
 *
 * <p>When the target platform is the host's, values are detected: the kernel release from
 * {@code /proc/sys/kernel/osrelease} or {@code uname -r}, glibc from {@code getconf GNU_LIBC_VERSION} or
 * {@code ldd --version}, macOS from {@code sw_vers}, CUDA from {@code nvidia-smi} (absent when that fails). For any
 * other target nothing of the host leaks in; the defaults are conda-lock's, the oldest systems conda-forge builds for:
 * {@code __glibc 2.17}, {@code __linux 5.10}, {@code __osx 10.15} (11.0 on arm64), {@code __win 0}, no {@code __cuda}.
 * {@code __archspec} is {@code 1} with the target's architecture family as build string ({@code x86_64},
 * {@code aarch64}, ...). The {@code CONDA_OVERRIDE_GLIBC}, {@code _LINUX}, {@code _OSX}, {@code _WIN}, {@code _CUDA}
 * and {@code _ARCHSPEC} (the build string) variables override a value; an empty value removes the package.
 * Explicit entries ({@link #parse}) override both.
 */
public final class VirtualPackages {
    /** The pseudo channel virtual package records claim to come from, as conda's {@code @}. */
    public static final String CHANNEL = "@";

    static final String DEFAULT_GLIBC = "2.17";
    static final String DEFAULT_LINUX = "5.10";
    private static final Pattern LEADING_VERSION = Pattern.compile("^(\\d+(?:\\.\\d+){0,3})");
    private static volatile Map<String, String> hostCache;

    private VirtualPackages() {}

    /** The virtual packages of {@code target}, detected on this host when it is the target, with env overrides. */
    public static List<PackageRecord> detect(Platform target) {
        return detect(target, Map.of());
    }

    /**
     * As {@link #detect(Platform)}, with {@code variables} (an environment specification's {@code variables}) taking
     * precedence over the process's environment: {@code CONDA_OVERRIDE_CUDA=12.2} gives {@code __cuda 12.2} on a node
     * without a GPU, an empty value removes the package, as conda does.
     *
     * @throws IllegalArgumentException naming the variable when an override is not a version
     */
    public static List<PackageRecord> detect(Platform target, Map<String, String> variables) {
        Map<String, String> host = isHost(target) ? hostValues() : Map.of();
        if (variables.isEmpty()) {
            return detect(target, host, System.getenv());
        }
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.putAll(variables);
        return detect(target, host, env);
    }

    /**
     * The virtual packages of {@code target} given detected host values ({@code linux}, {@code glibc}, {@code osx},
     * {@code cuda}; an empty map for a foreign target) and environment variables.
     */
    static List<PackageRecord> detect(Platform target, Map<String, String> host, Map<String, String> env) {
        Map<String, String[]> out = new LinkedHashMap<>();
        if (target.isUnix()) {
            out.put("__unix", new String[] {"0", "0"});
        }
        if (target.isLinux()) {
            out.put("__linux", new String[] {host.getOrDefault("linux", DEFAULT_LINUX), "0"});
            out.put("__glibc", new String[] {host.getOrDefault("glibc", DEFAULT_GLIBC), "0"});
            override(out, env, "CONDA_OVERRIDE_LINUX", "__linux");
            override(out, env, "CONDA_OVERRIDE_GLIBC", "__glibc");
        }
        if (target.isOsx()) {
            String fallback = target.equals(Platform.OSX_ARM64) ? "11.0" : "10.15";
            out.put("__osx", new String[] {host.getOrDefault("osx", fallback), "0"});
            override(out, env, "CONDA_OVERRIDE_OSX", "__osx");
        }
        if (target.isWindows()) {
            out.put("__win", new String[] {"0", "0"});
            override(out, env, "CONDA_OVERRIDE_WIN", "__win");
        }
        if (host.containsKey("cuda")) {
            out.put("__cuda", new String[] {host.get("cuda"), "0"});
        }
        override(out, env, "CONDA_OVERRIDE_CUDA", "__cuda");
        String arch = target.archspecName();
        if (arch != null) {
            out.put("__archspec", new String[] {"1", arch});
            String value = env.get("CONDA_OVERRIDE_ARCHSPEC");
            if (value != null) {
                if (value.isBlank()) {
                    out.remove("__archspec");
                } else {
                    out.put("__archspec", new String[] {"1", value.trim()});
                }
            }
        }
        List<PackageRecord> records = new ArrayList<>();
        for (Map.Entry<String, String[]> e : out.entrySet()) {
            records.add(record(e.getKey(), e.getValue()[0], e.getValue()[1], target));
        }
        return records;
    }

    private static void override(Map<String, String[]> out, Map<String, String> env, String variable, String name) {
        String value = env.get(variable);
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            out.remove(name);
        } else {
            checkVersion(value.trim(), variable);
            out.put(name, new String[] {value.trim(), "0"});
        }
    }

    /**
     * Parses {@code __name=version[=build]} (the CLI form, e.g. {@code __glibc=2.17}, {@code __archspec=1=x86_64}).
     *
     * @throws IllegalArgumentException naming the text when it is not of that form
     */
    public static PackageRecord parse(String text, Platform target) {
        String[] parts = text == null ? new String[0] : text.trim().split("=", -1);
        if (parts.length < 2
                || parts.length > 3
                || !parts[0].startsWith("__")
                || parts[0].length() < 3
                || parts[1].isBlank()
                || (parts.length == 3 && parts[2].isBlank())) {
            throw new IllegalArgumentException(
                    "not a virtual package: '" + text + "' (expected __name=version[=build], e.g. __glibc=2.17)");
        }
        String name = parts[0].toLowerCase(Locale.ROOT);
        checkVersion(parts[1], "virtual package '" + text + "'");
        return record(name, parts[1], parts.length == 3 ? parts[2] : "0", target);
    }

    /** {@code base} with every explicit record replacing the base record of the same name. */
    public static List<PackageRecord> merge(List<PackageRecord> base, List<PackageRecord> explicit) {
        Map<String, PackageRecord> byName = new LinkedHashMap<>();
        for (PackageRecord r : base) {
            byName.put(r.name(), r);
        }
        for (PackageRecord r : explicit) {
            byName.put(r.name(), r);
        }
        return List.copyOf(byName.values());
    }

    /** A virtual package record. */
    public static PackageRecord record(String name, String version, String build, Platform target) {
        return PackageRecord.builder(name, version)
                .build(build)
                .buildNumber(0)
                .channel(CHANNEL)
                .subdir(target.subdir())
                .build();
    }

    private static void checkVersion(String version, String where) {
        try {
            Version.parse(version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid version '" + version + "' in " + where + ": " + e.getMessage());
        }
    }

    private static boolean isHost(Platform target) {
        try {
            return Platform.current().equals(target);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Detected once per JVM: these do not change while it runs, and probing spawns processes. */
    private static Map<String, String> hostValues() {
        Map<String, String> cached = hostCache;
        if (cached != null) {
            return cached;
        }
        Map<String, String> values = new LinkedHashMap<>();
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            String release = readFirstLine(Path.of("/proc/sys/kernel/osrelease"));
            if (release == null) {
                release = run("uname", "-r");
            }
            putVersion(values, "linux", release);
            String libc = run("getconf", "GNU_LIBC_VERSION");
            if (libc != null && libc.startsWith("glibc ")) {
                putVersion(values, "glibc", libc.substring(6));
            } else {
                String ldd = run("ldd", "--version");
                if (ldd != null && ldd.toLowerCase(Locale.ROOT).contains("libc")) {
                    putVersion(values, "glibc", ldd.substring(ldd.lastIndexOf(' ') + 1));
                }
            }
        } else if (os.startsWith("mac")) {
            putVersion(values, "osx", run("sw_vers", "-productVersion"));
        }
        String smi = run("nvidia-smi");
        if (smi != null) {
            Matcher m = Pattern.compile("CUDA Version:\\s*(\\d+\\.\\d+)").matcher(smi);
            if (m.find()) {
                values.put("cuda", m.group(1));
            }
        }
        hostCache = Map.copyOf(values);
        return hostCache;
    }

    private static void putVersion(Map<String, String> values, String key, String text) {
        if (text == null) {
            return;
        }
        Matcher m = LEADING_VERSION.matcher(text.trim());
        if (m.find()) {
            values.put(key, m.group(1));
        }
    }

    private static String readFirstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? null : lines.get(0);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Runs a probe command; its output's first line (all of it for nvidia-smi), or null when it fails. */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            // wait first so that a hanging probe cannot block a read; probe output fits the pipe buffer
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = in.readNBytes(64 * 1024);
            }
            if (p.exitValue() != 0) {
                return null;
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            if (command.length > 1) {
                int nl = text.indexOf('\n');
                if (nl >= 0) {
                    text = text.substring(0, nl).strip();
                }
            }
            return text.isEmpty() ? null : text;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
