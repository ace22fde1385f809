package io.terrarium.batch;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The virtual packages ({@code __unix}, {@code __linux}, {@code __glibc}, {@code __archspec}, {@code __osx},
 * {@code __win}) this server provides to solves for its platform, as conda detects them; {@code CONDA_OVERRIDE_*}
 * environment variables win, like in conda.
 */
final class VirtualPackages {

    private static final Pattern VERSION = Pattern.compile("(\\d+(?:\\.\\d+)*)");
    private static volatile List<PackageRecord> cached;
    private static volatile String cachedFor;

    private VirtualPackages() {
    }

    static List<PackageRecord> detect(String platform) {
        if (platform.equals(cachedFor) && cached != null) {
            return cached;
        }
        List<PackageRecord> out = new ArrayList<>();
        String os = platform.substring(0, platform.indexOf('-'));
        String arch = platform.substring(platform.indexOf('-') + 1);
        if (!os.equals("win")) {
            out.add(virtual("__unix", "0"));
        }
        switch (os) {
            case "linux" -> {
                out.add(virtual("__linux", override("LINUX", firstVersion(System.getProperty("os.version"), "0"))));
                String glibc = override("GLIBC", glibcVersion());
                if (glibc != null) {
                    out.add(virtual("__glibc", glibc));
                }
            }
            case "osx" -> out.add(virtual("__osx", override("OSX", firstVersion(System.getProperty("os.version"), "10.15"))));
            case "win" -> out.add(virtual("__win", "0"));
            default -> { }
        }
        String cuda = System.getenv("CONDA_OVERRIDE_CUDA");
        if (cuda != null && !cuda.isBlank()) {
            out.add(virtual("__cuda", cuda.trim()));
        }
        out.add(PackageRecord.builder("__archspec", "1").build(archspec(arch)).buildNumber(0).subdir(platform).build());
        cached = List.copyOf(out);
        cachedFor = platform;
        return cached;
    }

    private static PackageRecord virtual(String name, String version) {
        return PackageRecord.builder(name, version).build("0").buildNumber(0).build();
    }

    private static String archspec(String arch) {
        return switch (arch) {
            case "64" -> "x86_64";
            case "aarch64", "arm64" -> arch;
            default -> arch;
        };
    }

    private static String override(String what, String detected) {
        String v = System.getenv("CONDA_OVERRIDE_" + what);
        return v == null || v.isBlank() ? detected : v.trim();
    }

    private static String firstVersion(String text, String fallback) {
        if (text == null) {
            return fallback;
        }
        Matcher m = VERSION.matcher(text);
        return m.find() ? m.group(1) : fallback;
    }

    private static String glibcVersion() {
        try {
            Process p = new ProcessBuilder("getconf", "GNU_LIBC_VERSION").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return firstVersion(out, null);
            }
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
