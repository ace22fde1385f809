package io.terrarium.conda.pack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scripts an archive ships in {@code bin/}: {@code conda-unpack} (a POSIX sh script that rewrites the packed
 * prefix with python when one runs and with sed/awk/dd otherwise; see the script's header), {@code activate} and
 * {@code deactivate} (sourced by POSIX shells, as conda-pack's).
 */
final class UnpackScripts {
    private UnpackScripts() {}

    /** {@code bin/conda-unpack} with the files it must rewrite listed after its marker line. */
    static byte[] condaUnpack(List<UnpackEntry> entries) {
        StringBuilder sb = new StringBuilder(resource("conda-unpack.sh"));
        for (UnpackEntry e : entries) {
            sb.append(e.line()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Where {@code bin/activate} keeps the environment's location for shells that cannot find it themselves. */
    static final String PACKED_PREFIX = "__TERRARIUM_PACKED_PREFIX__";

    /** {@code bin/activate} holding {@code prefix} (list it for conda-unpack so that it follows the environment). */
    static byte[] activate(String prefix) {
        if (prefix.indexOf('\'') >= 0) {
            throw new PackException("cannot pack " + prefix + ": a quote in the environment path is not supported");
        }
        return resource("activate.sh").replace(PACKED_PREFIX, prefix).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] deactivate() {
        return resource("deactivate.sh").getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = UnpackScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the jar: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
