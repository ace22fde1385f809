package io.terrarium.conda.pip.install;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The {@code console_scripts} and {@code gui_scripts} of a wheel's {@code entry_points.txt} (an INI file). */
final class EntryPoints {
    /**
     * One script.
     *
     * @param command  the command name
     * @param module   the module to import
     * @param function the attribute path to call ({@code main} or {@code cli.main})
     * @param gui      whether it is a {@code gui_scripts} entry
     */
    record Script(String command, String module, String function, boolean gui) {}

    private EntryPoints() {}

    static List<Script> parse(byte[] data, String wheel) {
        List<Script> out = new ArrayList<>();
        String section = null;
        for (String raw : new String(data, StandardCharsets.UTF_8).split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            if (!"console_scripts".equals(section) && !"gui_scripts".equals(section)) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new WheelInstallException("malformed entry point in " + wheel + ": " + line);
            }
            String command = line.substring(0, eq).strip();
            String target = line.substring(eq + 1).strip();
            int bracket = target.indexOf('[');
            if (bracket >= 0) {
                target = target.substring(0, bracket).strip();
            }
            int colon = target.indexOf(':');
            if (colon <= 0 || colon == target.length() - 1 || command.contains("/") || command.contains("\\")) {
                throw new WheelInstallException("malformed entry point in " + wheel + ": " + line);
            }
            out.add(new Script(
                    command,
                    target.substring(0, colon).strip(),
                    target.substring(colon + 1).strip(),
                    "gui_scripts".equals(section)));
        }
        return out;
    }

    /** The launcher pip writes: import the function's first component, strip a -script.py/.exe suffix, exit. */
    static String launcher(Script s, String shebang) {
        String importName = s.function().split("\\.", 2)[0];
        return shebang
                + "# -*- coding: utf-8 -*-\n"
                + "import re\n"
                + "import sys\n"
                + "from " + s.module() + " import " + importName + "\n"
                + "if __name__ == '__main__':\n"
                + "    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
                + "    sys.exit(" + s.function() + "())\n";
    }
}
