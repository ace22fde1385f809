package io.terrarium.conda.pip.requirement;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values PEP 508 markers compare against, for a target environment described by its python version, conda
 * platform and implementation (no interpreter is run).
 *
 * @param values marker variable name to value ({@code python_version}, {@code sys_platform}, ...)
 */
public record MarkerEnvironment(Map<String, String> values) {

    public MarkerEnvironment {
        values = Map.copyOf(values);
    }

    /**
     * The environment of a CPython {@code pythonVersion} ({@code 3.11.4}) on a conda platform ({@code linux-64},
     * {@code osx-arm64}, {@code win-64}, ...).
     */
    public static MarkerEnvironment of(String pythonVersion, String condaPlatform) {
        return of(pythonVersion, condaPlatform, "cpython");
    }

    /** As {@link #of(String, String)} for an implementation name ({@code cpython} or {@code pypy}). */
    public static MarkerEnvironment of(String pythonVersion, String condaPlatform, String implementation) {
        Objects.requireNonNull(pythonVersion, "pythonVersion");
        String[] parts = pythonVersion.strip().split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("python version needs major.minor: '" + pythonVersion + "'");
        }
        String full = parts.length == 2 ? pythonVersion.strip() + ".0" : pythonVersion.strip();
        int dash = condaPlatform.indexOf('-');
        String os = dash >= 0 ? condaPlatform.substring(0, dash) : condaPlatform;
        String arch = condaPlatform.substring(condaPlatform.indexOf('-') + 1);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("python_version", parts[0] + "." + parts[1]);
        v.put("python_full_version", full);
        v.put("implementation_name", implementation);
        v.put("implementation_version", full);
        v.put(
                "platform_python_implementation",
                implementation.equals("cpython") ? "CPython" : implementation.equals("pypy") ? "PyPy" : implementation);
        v.put("platform_release", "");
        v.put("platform_version", "");
        switch (os) {
            case "linux":
                v.put("os_name", "posix");
                v.put("sys_platform", "linux");
                v.put("platform_system", "Linux");
                v.put("platform_machine", linuxMachine(arch));
                break;
            case "osx":
                v.put("os_name", "posix");
                v.put("sys_platform", "darwin");
                v.put("platform_system", "Darwin");
                v.put("platform_machine", arch.equals("arm64") ? "arm64" : "x86_64");
                break;
            case "win":
                v.put("os_name", "nt");
                v.put("sys_platform", "win32");
                v.put("platform_system", "Windows");
                v.put("platform_machine", arch.equals("arm64") ? "ARM64" : arch.equals("32") ? "x86" : "AMD64");
                break;
            default:
                throw new IllegalArgumentException("no marker environment for conda platform '" + condaPlatform + "'");
        }
        return new MarkerEnvironment(v);
    }

    private static String linuxMachine(String arch) {
        switch (arch) {
            case "64":
                return "x86_64";
            case "32":
                return "i686";
            default:
                return arch; // aarch64, ppc64le, s390x, armv7l
        }
    }

    /** The value of a marker variable; throws when PEP 508 has no such variable. */
    public String get(String variable) {
        String v = values.get(variable);
        if (v == null) {
            throw new InvalidRequirementException("unknown marker variable '" + variable + "'");
        }
        return v;
    }
}
