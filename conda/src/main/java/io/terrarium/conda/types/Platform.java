package io.terrarium.conda.types;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A conda subdir ({@code linux-64}, {@code osx-arm64}, {@code noarch}, ...): the platform a package is built for.
 *
 * <p>Instances are interned: {@code Platform.parse("linux-64") == Platform.LINUX_64}. Unknown but well-formed
 * subdirs ({@code <os>-<arch>}) are accepted, since channels add new ones (e.g. {@code linux-riscv64}) before
 * clients learn about them.
 */
public final class Platform {
    private static final Map<String, Platform> KNOWN = new ConcurrentHashMap<>();

    public static final Platform NOARCH = register("noarch");
    public static final Platform LINUX_32 = register("linux-32");
    public static final Platform LINUX_64 = register("linux-64");
    public static final Platform LINUX_AARCH64 = register("linux-aarch64");
    public static final Platform LINUX_ARMV6L = register("linux-armv6l");
    public static final Platform LINUX_ARMV7L = register("linux-armv7l");
    public static final Platform LINUX_PPC64LE = register("linux-ppc64le");
    public static final Platform LINUX_PPC64 = register("linux-ppc64");
    public static final Platform LINUX_S390X = register("linux-s390x");
    public static final Platform LINUX_RISCV64 = register("linux-riscv64");
    public static final Platform OSX_64 = register("osx-64");
    public static final Platform OSX_ARM64 = register("osx-arm64");
    public static final Platform WIN_32 = register("win-32");
    public static final Platform WIN_64 = register("win-64");
    public static final Platform WIN_ARM64 = register("win-arm64");
    public static final Platform EMSCRIPTEN_WASM32 = register("emscripten-wasm32");
    public static final Platform WASI_WASM32 = register("wasi-wasm32");
    public static final Platform ZOS_Z = register("zos-z");

    private final String subdir;
    private final String os;
    private final String arch;

    private Platform(String subdir) {
        this.subdir = subdir;
        int dash = subdir.indexOf('-');
        this.os = dash < 0 ? null : subdir.substring(0, dash);
        this.arch = dash < 0 ? null : subdir.substring(dash + 1);
    }

    private static Platform register(String subdir) {
        Platform p = new Platform(subdir);
        KNOWN.put(subdir, p);
        return p;
    }

    /**
     * Parses a subdir name. Accepts the known subdirs and any other {@code <os>-<arch>} made of lowercase letters,
     * digits and underscores.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Platform parse(String text) {
        Objects.requireNonNull(text, "platform");
        String s = text.trim().toLowerCase(Locale.ROOT);
        Platform p = KNOWN.get(s);
        if (p != null) {
            return p;
        }
        if (!s.matches("[a-z0-9_]+-[a-z0-9_]+")) {
            throw new IllegalArgumentException("not a conda platform: '" + text
                    + "' (expected a subdir such as linux-64, osx-arm64, win-64 or noarch)");
        }
        return KNOWN.computeIfAbsent(s, Platform::new);
    }

    /** The platform of the running JVM, as conda names it ({@code linux-64} on x86_64 Linux). */
    public static Platform current() {
        return fromSystem(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    static Platform fromSystem(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return arm64 ? OSX_ARM64 : OSX_64;
        }
        if (os.startsWith("windows")) {
            return arm64 ? WIN_ARM64 : x64 ? WIN_64 : WIN_32;
        }
        if (os.startsWith("linux")) {
            if (x64) {
                return LINUX_64;
            }
            if (arm64) {
                return LINUX_AARCH64;
            }
            if (arch.equals("ppc64le")) {
                return LINUX_PPC64LE;
            }
            if (arch.equals("ppc64")) {
                return LINUX_PPC64;
            }
            if (arch.equals("s390x")) {
                return LINUX_S390X;
            }
            if (arch.equals("riscv64")) {
                return LINUX_RISCV64;
            }
            if (arch.startsWith("arm")) {
                return LINUX_ARMV7L;
            }
            if (arch.equals("x86") || arch.equals("i386") || arch.equals("i686")) {
                return LINUX_32;
            }
        }
        throw new IllegalStateException("cannot map this system (" + osName + ", " + osArch + ") to a conda platform");
    }

    /** All platforms this class names as constants (noarch first). */
    public static List<Platform> known() {
        return List.of(
                NOARCH,
                LINUX_32,
                LINUX_64,
                LINUX_AARCH64,
                LINUX_ARMV6L,
                LINUX_ARMV7L,
                LINUX_PPC64LE,
                LINUX_PPC64,
                LINUX_S390X,
                LINUX_RISCV64,
                OSX_64,
                OSX_ARM64,
                WIN_32,
                WIN_64,
                WIN_ARM64,
                EMSCRIPTEN_WASM32,
                WASI_WASM32,
                ZOS_Z);
    }

    /** The subdir name, e.g. {@code linux-64}. */
    public String subdir() {
        return subdir;
    }

    /** The operating system part ({@code linux}, {@code osx}, {@code win}), or {@code null} for noarch. */
    public String os() {
        return os;
    }

    /** The architecture part ({@code 64}, {@code aarch64}, {@code arm64}), or {@code null} for noarch. */
    public String arch() {
        return arch;
    }

    public boolean isNoarch() {
        return this == NOARCH;
    }

    public boolean isLinux() {
        return "linux".equals(os);
    }

    public boolean isOsx() {
        return "osx".equals(os);
    }

    public boolean isWindows() {
        return "win".equals(os);
    }
    /** Linux, macOS and other POSIX systems: where the {@code __unix} virtual package exists. */
    public boolean isUnix() {
        return isLinux() || isOsx() || "zos".equals(os);
    }

    /** The architecture as archspec/{@code __archspec} names it ({@code x86_64}, {@code aarch64}, ...), or null. */
    public String archspecName() {
        if (arch == null) {
            return null;
        }
        return switch (subdir) {
            case "linux-64", "osx-64", "win-64" -> "x86_64";
            case "linux-32", "win-32" -> "x86";
            case "osx-arm64", "win-arm64" -> "arm64";
            case "linux-aarch64" -> "aarch64";
            default -> arch;
        };
    }

    @Override
    public String toString() {
        return subdir;
    }

    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof Platform p && subdir.equals(p.subdir));
    }

    @Override
    public int hashCode() {
        return subdir.hashCode();
    }
}
