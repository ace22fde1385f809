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
    private UnpackScripts() {
    }

    /** {@code bin/conda-unpack} with the files it must rewrite listed after its marker line. */
    static byte[] condaUnpack(List<UnpackEntry> entries) {
        StringBuilder sb = new StringBuilder(resource("conda-unpack.sh"));
        for (UnpackEntry e : entries) sb.append(e.line()).append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] activate() {
        return resource("activate.sh").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] deactivate() {
        return resource("deactivate.sh").getBytes(StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = UnpackScripts.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource missing from the jar: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
