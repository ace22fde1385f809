package io.terrarium.conda.pip.wheel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wheel tags a CPython {@code M.m} on a conda platform accepts, most preferred first, as
 * {@code packaging.tags.sys_tags} orders them: {@code cpXY-cpXY}, {@code abi3} down to cp32, {@code none}, then
 * the pure-python {@code pyX} tags, then {@code any}.
 */
public final class CompatibleTags {
    private final List<String> ordered;
    private final Map<String, Integer> rank = new HashMap<>();

    private CompatibleTags(List<String> ordered) {
        this.ordered = List.copyOf(ordered);
        for (int i = 0; i < ordered.size(); i++) {
            rank.putIfAbsent(ordered.get(i), i);
        }
    }

    /**
     * The tags for CPython {@code pythonVersion} ({@code 3.11} or {@code 3.11.4}) on {@code condaPlatform}
     * ({@code linux-64}, {@code osx-arm64}, {@code win-64}, ...).
     *
     * @param glibc   the newest glibc the environment has ({@code 2.17}; conda's {@code __glibc}), or null for
     *                musl or a non-Linux platform
     * @param musl    the musl version for a musllinux target ({@code 1.2}), or null
     * @param macos   the oldest macOS the environment must run on ({@code 11.0}; conda's {@code __osx}), or null
     */
    public static CompatibleTags cpython(
            String pythonVersion, String condaPlatform, String glibc, String musl, String macos) {
        return forPlatforms(pythonVersion, platforms(condaPlatform, glibc, musl, macos));
    }

    /** The tags for CPython {@code pythonVersion} over an explicit list of platform tags, best first. */
    static CompatibleTags forPlatforms(String pythonVersion, List<String> platforms) {
        String[] v = pythonVersion.split("\\.");
        int major = Integer.parseInt(v[0]);
        int minor = Integer.parseInt(v[1]);
        List<String> tags = new ArrayList<>();
        String cp = "cp" + major + minor;
        for (String p : platforms) {
            tags.add(cp + "-" + cp + "-" + p);
        }
        if (major == 3) {
            for (String p : platforms) {
                tags.add(cp + "-abi3-" + p);
            }
        }
        for (String p : platforms) {
            tags.add(cp + "-none-" + p);
        }
        if (major == 3) {
            for (int m = minor - 1; m >= 2; m--) {
                for (String p : platforms) {
                    tags.add("cp3" + m + "-abi3-" + p);
                }
            }
        }
        List<String> pys = new ArrayList<>();
        pys.add("py" + major + minor);
        pys.add("py" + major);
        for (int m = minor - 1; m >= 0; m--) {
            pys.add("py" + major + m);
        }
        for (String py : pys) {
            for (String p : platforms) {
                tags.add(py + "-none-" + p);
            }
        }
        tags.add(cp + "-none-any");
        for (String py : pys) {
            tags.add(py + "-none-any");
        }
        return new CompatibleTags(tags);
    }

    /** The platform tags of a conda platform, most specific first. */
    static List<String> platforms(String condaPlatform, String glibc, String musl, String macos) {
        String os = condaPlatform.substring(0, condaPlatform.indexOf('-'));
        String arch = condaPlatform.substring(condaPlatform.indexOf('-') + 1);
        Set<String> out = new LinkedHashSet<>();
        switch (os) {
            case "linux":
                String machine = arch.equals("64") ? "x86_64" : arch.equals("32") ? "i686" : arch;
                if (musl != null) {
                    int muslMinor = Integer.parseInt(musl.split("\\.")[1]);
                    for (int m = muslMinor; m >= 0; m--) {
                        out.add("musllinux_1_" + m + "_" + machine);
                    }
                } else if (glibc != null) {
                    int gMinor = Integer.parseInt(glibc.split("\\.")[1]);
                    int tooOld = machine.equals("x86_64") || machine.equals("i686") ? 4 : 16;
                    for (int m = gMinor; m > tooOld; m--) {
                        out.add("manylinux_2_" + m + "_" + machine);
                        String legacy =
                                m == 17 ? "manylinux2014" : m == 12 ? "manylinux2010" : m == 5 ? "manylinux1" : null;
                        if (legacy != null && (m == 17 || machine.equals("x86_64") || machine.equals("i686"))) {
                            out.add(legacy + "_" + machine);
                        }
                    }
                }
                out.add("linux_" + machine);
                break;
            case "osx":
                out.addAll(macPlatforms(
                        macos == null ? (arch.equals("arm64") ? "11.0" : "10.9") : macos,
                        arch.equals("arm64") ? "arm64" : "x86_64"));
                break;
            case "win":
                out.add(arch.equals("64") ? "win_amd64" : arch.equals("arm64") ? "win_arm64" : "win32");
                break;
            default:
                throw new IllegalArgumentException("no wheel platform tags for conda platform '" + condaPlatform + "'");
        }
        return new ArrayList<>(out);
    }

    private static List<String> macFormats(int major, int minor, String arch) {
        List<String> f = new ArrayList<>();
        f.add(arch);
        if (arch.equals("x86_64")) {
            if (major == 10 && minor < 4) {
                return List.of();
            }
            f.addAll(List.of("intel", "fat64", "fat32"));
        }
        f.add("universal2");
        if (arch.equals("x86_64")) {
            f.add("universal");
        }
        return f;
    }

    static List<String> macPlatforms(String macos, String arch) {
        String[] v = macos.split("\\.");
        int major = Integer.parseInt(v[0]);
        int minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
        List<String> out = new ArrayList<>();
        if (major >= 11) {
            for (int m = major; m > 10; m--) {
                for (String f : macFormats(m, 0, arch)) {
                    out.add("macosx_" + m + "_0_" + f);
                }
            }
            for (int m = 16; m > 3; m--) {
                if (arch.equals("x86_64")) {
                    for (String f : macFormats(10, m, arch)) {
                        out.add("macosx_10_" + m + "_" + f);
                    }
                } else {
                    out.add("macosx_10_" + m + "_universal2");
                }
            }
        } else {
            for (int m = minor; m >= 0; m--) {
                for (String f : macFormats(10, m, arch)) {
                    out.add("macosx_10_" + m + "_" + f);
                }
            }
        }
        return out;
    }

    /** Every tag, most preferred first. */
    public List<String> ordered() {
        return ordered;
    }

    /** The rank of the wheel's best tag (lower is better), or -1 when none of its tags is compatible. */
    public int rank(WheelFilename wheel) {
        int best = -1;
        for (String t : wheel.tags()) {
            Integer r = rank.get(t);
            if (r != null && (best < 0 || r < best)) {
                best = r;
            }
        }
        return best;
    }

    public boolean isCompatible(WheelFilename wheel) {
        return rank(wheel) >= 0;
    }
}
