package io.terrarium.conda.install;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rewrites the build prefix embedded in a file's bytes to the install prefix, the way conda does on Unix targets.
 *
 * <p>Text mode replaces every occurrence (in UTF-8, UTF-16 and UTF-32 spellings) and then shortens a shebang line that
 * became too long for the kernel, or that holds a prefix with spaces, to {@code #!/usr/bin/env <program>}. Binary
 * mode keeps the file's size: each NUL-terminated string that holds the placeholder is rewritten and padded with NULs,
 * which is only possible when the new prefix is not longer than the placeholder.
 */
public final class PrefixReplacer {
    /** Linux's limit on a shebang line (BINPRM_BUF_SIZE - 1). */
    static final int MAX_SHEBANG_LENGTH = 127;

    private static final List<Charset> TEXT_ENCODINGS = List.of(
            StandardCharsets.UTF_8,
            StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE,
            Charset.forName("UTF-32LE"),
            Charset.forName("UTF-32BE"));

    private PrefixReplacer() {}

    /** Text-mode replacement of every occurrence of {@code placeholder} by {@code prefix}; returns the new bytes. */
    public static byte[] replaceText(byte[] data, String placeholder, String prefix) {
        byte[] out = data;
        for (Charset cs : TEXT_ENCODINGS) {
            out = replaceAll(out, placeholder.getBytes(cs), prefix.getBytes(cs));
        }
        return fixShebang(out, prefix);
    }

    /**
     * Binary-mode replacement: every run from a placeholder occurrence to the next NUL byte has all its placeholder
     * occurrences replaced and is padded with NULs to its old length. The result has the same length as {@code data}.
     *
     * @throws PrefixTooLongException when {@code prefix} is longer than {@code placeholder} and the file holds it
     */
    public static byte[] replaceBinary(byte[] data, String placeholder, String prefix, String fileForMessages)
            throws PrefixTooLongException {
        byte[] search = placeholder.getBytes(StandardCharsets.UTF_8);
        byte[] replacement = prefix.getBytes(StandardCharsets.UTF_8);
        int first = indexOf(data, search, 0);
        if (first < 0) {
            return data;
        }
        if (replacement.length > search.length) {
            throw new PrefixTooLongException(
                    "cannot install " + fileForMessages + " into prefix '" + prefix
                            + "': the binary file embeds a placeholder of " + search.length
                            + " bytes and the prefix has "
                            + replacement.length + " bytes; choose a prefix of at most " + search.length + " bytes",
                    search.length,
                    replacement.length);
        }
        byte[] out = data.clone();
        int pos = first;
        while (pos >= 0) {
            int nul = indexOfByte(data, (byte) 0, pos + search.length);
            if (nul < 0) {
                break; // conda only rewrites NUL-terminated strings; an unterminated tail is left alone
            }
            // the C string [pos, nul): replace every occurrence inside it, then pad with NULs up to nul
            int w = pos;
            int r = pos;
            while (r < nul) {
                if (r + search.length <= nul && regionMatches(data, r, search)) {
                    System.arraycopy(replacement, 0, out, w, replacement.length);
                    w += replacement.length;
                    r += search.length;
                } else {
                    out[w++] = data[r++];
                }
            }
            while (w < nul) {
                out[w++] = 0;
            }
            pos = indexOf(data, search, nul + 1);
        }
        return out;
    }

    /**
     * After text replacement: a first line {@code #!<path>/<program> <args>} longer than the kernel accepts, or whose
     * program path holds the (space-containing) prefix, becomes {@code #!/usr/bin/env <program> <args>}.
     */
    static byte[] fixShebang(byte[] data, String prefix) {
        if (data.length < 2 || data[0] != '#' || data[1] != '!') {
            return data;
        }
        int eol = indexOfByte(data, (byte) '\n', 0);
        int lineEnd = eol < 0 ? data.length : eol;
        String line = new String(data, 0, lineEnd, StandardCharsets.UTF_8);
        String body = line.substring(2).stripLeading();
        String executable;
        String options;
        if (prefix.indexOf(' ') >= 0 && body.startsWith(prefix + "/")) {
            int sp = body.indexOf(' ', prefix.length());
            executable = sp < 0 ? body : body.substring(0, sp);
            options = sp < 0 ? "" : body.substring(sp);
        } else {
            int sp = body.indexOf(' ');
            executable = sp < 0 ? body : body.substring(0, sp);
            options = sp < 0 ? "" : body.substring(sp);
            if (lineEnd <= MAX_SHEBANG_LENGTH) {
                return data;
            }
        }
        int slash = executable.lastIndexOf('/');
        if (slash < 0) {
            return data;
        }
        String program = executable.substring(slash + 1).stripTrailing();
        byte[] newLine = ("#!/usr/bin/env " + program + options).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length);
        b.write(newLine, 0, newLine.length);
        b.write(data, lineEnd, data.length - lineEnd);
        return b.toByteArray();
    }

    static byte[] replaceAll(byte[] data, byte[] search, byte[] replacement) {
        int i = indexOf(data, search, 0);
        if (i < 0) {
            return data;
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream(data.length + 64);
        int from = 0;
        while (i >= 0) {
            b.write(data, from, i - from);
            b.write(replacement, 0, replacement.length);
            from = i + search.length;
            i = indexOf(data, search, from);
        }
        b.write(data, from, data.length - from);
        return b.toByteArray();
    }

    static int indexOf(byte[] data, byte[] search, int from) {
        if (search.length == 0) {
            return -1;
        }
        byte first = search[0];
        int last = data.length - search.length;
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (data[i] == first && regionMatches(data, i, search)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean regionMatches(byte[] data, int at, byte[] search) {
        for (int j = 1; j < search.length; j++) {
            if (data[at + j] != search[j]) {
                return false;
            }
        }
        return data[at] == search[0];
    }

    private static int indexOfByte(byte[] data, byte value, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
