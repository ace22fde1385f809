package io.terrarium.conda.pip.install;

import io.terrarium.conda.install.PythonInfo;

/**
 * Where the install schemes of a wheel go in a conda prefix, as prefix-relative paths: {@code purelib} and
 * {@code platlib} to site-packages, {@code scripts} to {@code bin} ({@code Scripts} on Windows), {@code headers}
 * to {@code include/pythonX.Y/<name>}, {@code data} to the prefix itself.
 *
 * @param pythonVersion major.minor ({@code 3.11})
 * @param windows       whether the prefix is a Windows one
 */
public record SchemeLayout(String pythonVersion, boolean windows) {

    /** The layout for a python version ({@code 3.11.4} or {@code 3.11}) on a conda platform. */
    public static SchemeLayout of(String pythonVersion, String condaPlatform) {
        String[] p = pythonVersion.split("\\.");
        return new SchemeLayout(p[0] + "." + p[1], condaPlatform.startsWith("win-"));
    }

    public String sitePackages() {
        return windows ? "Lib/site-packages" : "lib/python" + pythonVersion + "/site-packages";
    }

    public String scripts() {
        return windows ? "Scripts" : "bin";
    }

    /** The prefix-relative interpreter launchers name in their shebang. */
    public String python() {
        return windows ? "python.exe" : "bin/python";
    }

    /** Prefix-relative directory of a scheme's files for the distribution {@code name}. */
    public String scheme(String scheme, String name) {
        switch (scheme) {
            case "purelib":
            case "platlib":
                return sitePackages();
            case "scripts":
                return scripts();
            case "headers":
                return (windows ? "Include" : "include/python" + pythonVersion) + "/" + name;
            case "data":
                return "";
            default:
                return null;
        }
    }

    /** The noarch-python view of this layout, for byte-compiling with the conda installer's compiler. */
    public PythonInfo pythonInfo() {
        return new PythonInfo(pythonVersion, sitePackages());
    }
}
