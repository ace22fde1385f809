package io.terrarium.conda.install;

import io.terrarium.conda.types.PackageRecord;
import java.util.Objects;

/**
 * The python of a target environment as {@code noarch: python} linking needs it: its {@code M.m} version, where
 * site-packages lives and which interpreter entry points and byte-compilation use.
 *
 * @param version      major.minor, e.g. {@code 3.11}
 * @param sitePackages prefix-relative site-packages directory ({@code lib/python3.11/site-packages}, or the python
 *                     record's {@code python_site_packages_path}, CEP 17)
 */
public record PythonInfo(String version, String sitePackages) {

    public PythonInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sitePackages, "sitePackages");
    }

    /** The python of a {@code python} package record. */
    public static PythonInfo of(PackageRecord python) {
        String mm = majorMinor(python.versionText());
        Object sp = python.extra().get("python_site_packages_path");
        String site = sp instanceof String s && !s.isBlank() ? s.strip() : "lib/python" + mm + "/site-packages";
        return new PythonInfo(mm, site);
    }

    /** {@code 3.11.4} gives {@code 3.11}; a bare {@code 3} stays {@code 3}. */
    static String majorMinor(String version) {
        String v = version;
        int bang = v.indexOf('!');
        if (bang >= 0) {
            v = v.substring(bang + 1);
        }
        String[] parts = v.split("\\.");
        if (parts.length < 2) {
            return parts[0];
        }
        return parts[0] + "." + digitsPrefix(parts[1]);
    }

    private static String digitsPrefix(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i == 0 ? s : s.substring(0, i);
    }

    /** Prefix-relative path of the versioned interpreter, {@code bin/python3.11}. */
    public String interpreter() {
        return "bin/python" + version;
    }

    /** Tag in byte-code file names: {@code cpython-311} for 3.11. */
    public String cacheTag() {
        return "cpython-" + version.replace(".", "");
    }

    /** Whether this is Python 2 (byte code next to the source instead of in {@code __pycache__}). */
    public boolean isPython2() {
        return version.startsWith("2.");
    }

    /** Where the byte code of a prefix-relative {@code .py} file goes, as compileall writes it. */
    public String pycPath(String pyPath) {
        if (isPython2()) {
            return pyPath + "c";
        }
        int slash = pyPath.lastIndexOf('/');
        String dir = slash < 0 ? "" : pyPath.substring(0, slash + 1);
        String stem = pyPath.substring(slash + 1, pyPath.length() - 3);
        return dir + "__pycache__/" + stem + "." + cacheTag() + ".pyc";
    }
}
