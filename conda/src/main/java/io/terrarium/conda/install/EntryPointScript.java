package io.terrarium.conda.install;

import io.terrarium.conda.pkg.LinkJson;
import java.nio.charset.StandardCharsets;

/**
 * The Unix launcher conda writes into {@code bin/<command>} for a console entry point of a {@code noarch: python}
 * package: a shebang for the prefix's python and a body that imports and calls the function.
 */
public final class EntryPointScript {
    private EntryPointScript() {}

    /** Prefix-relative path of the launcher. */
    static String path(LinkJson.EntryPoint ep) {
        return "bin/" + ep.command();
    }

    /**
     * The launcher: imports the function's first component from the module, strips a {@code -script.py} or
     * {@code .exe} suffix from {@code argv[0]} and exits with the function's return value.
     */
    static byte[] render(LinkJson.EntryPoint ep, String python) {
        String importName = ep.function().split("\\.", 2)[0];
        String body = "# -*- coding: utf-8 -*-\n"
                + "import re\n"
                + "import sys\n"
                + "\n"
                + "from " + ep.module() + " import " + importName + "\n"
                + "\n"
                + "if __name__ == '__main__':\n"
                + "    sys.argv[0] = re.sub(r'(-script\\.pyw?|\\.exe)?$', '', sys.argv[0])\n"
                + "    sys.exit(" + ep.function() + "())\n";
        return (shebang(python) + body).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code #!python} when the kernel can run it; otherwise (too long, or a path with spaces) a {@code /bin/sh}
     * shebang and a line that sh runs as an exec of the interpreter and python reads as a string literal.
     */
    public static String shebang(String python) {
        String direct = "#!" + python + "\n";
        if (direct.length() - 1 <= PrefixReplacer.MAX_SHEBANG_LENGTH && python.indexOf(' ') < 0) {
            return direct;
        }
        return "#!/bin/sh\n'''exec' \"" + python + "\" \"$0\" \"$@\" #'''\n";
    }
}
