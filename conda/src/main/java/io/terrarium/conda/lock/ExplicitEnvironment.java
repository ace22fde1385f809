package io.terrarium.conda.lock;

import io.terrarium.conda.types.PackageRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An explicit environment file ({@code @EXPLICIT}, CEP 23): the exact package archives of one platform, in install
 * order, each URL optionally followed by {@code #<md5>}, {@code #<sha256>} or {@code #sha256:<sha256>}.
 *
 * <p>Writes what {@code conda list --explicit --md5} writes (md5, which every conda reads) unless asked for sha256;
 * reads what conda, conda-lock and micromamba write. Records carry only what the URL and hash tell: install them
 * without solving, and take the rest of the metadata from the package's {@code info/index.json}.
 */
public record ExplicitEnvironment(String platform, List<PackageRecord> records) {
    public static final String MARKER = "@EXPLICIT";

    private static final Pattern PLATFORM = Pattern.compile("#\\s*platform:\\s*(\\S+)\\s*");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern ENV_VAR =
            Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Which checksum follows each URL when writing. */
    public enum HashKind {
        MD5,
        SHA256
    }

    public ExplicitEnvironment {
        records = List.copyOf(records);
    }

    /** True when {@code text} has an {@code @EXPLICIT} line, i.e. is an explicit file rather than a spec list. */
    public static boolean isExplicit(String text) {
        return text.lines().anyMatch(l -> l.strip().equals(MARKER));
    }

    /** Reads an explicit file; relative package paths resolve against the working directory, as in conda. */
    public static ExplicitEnvironment read(Path file) throws IOException {
        return parse(Lockfiles.readText(file, "an explicit environment file"), file.toString(), System.getenv());
    }

    /**
     * Parses explicit-file text.
     *
     * @param source names the text in error messages (usually the file path)
     * @param env    variables for {@code $VAR} / {@code ${VAR}} expansion in entries
     * @throws LockfileFormatException naming the line when the text has no {@code @EXPLICIT} line, an entry is not a
     *                                 package archive or a checksum is malformed
     */
    public static ExplicitEnvironment parse(String text, String source, Map<String, String> env) {
        String platform = null;
        boolean explicit = false;
        List<PackageRecord> records = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher m = PLATFORM.matcher(line);
                if (m.matches()) {
                    platform = m.group(1);
                }
                continue;
            }
            if (line.equals(MARKER)) {
                explicit = true;
                continue;
            }
            if (!explicit) {
                throw new LockfileFormatException(source + " line " + (i + 1) + ": '" + line
                        + "' comes before the @EXPLICIT line; this is not an explicit environment file");
            }
            records.add(parseEntry(line, source + " line " + (i + 1), env));
        }
        if (!explicit) {
            throw new LockfileFormatException(source + ": no @EXPLICIT line; this is not an explicit environment file");
        }
        return new ExplicitEnvironment(platform, records);
    }

    private static PackageRecord parseEntry(String line, String where, Map<String, String> env) {
        String location = line;
        String md5 = null;
        String sha256 = null;
        int hash = line.lastIndexOf('#');
        if (hash >= 0) {
            location = line.substring(0, hash).strip();
            String digest = line.substring(hash + 1).strip();
            String lower = digest.toLowerCase(Locale.ROOT);
            if (lower.startsWith("sha256:")) {
                sha256 = hexOfLength(digest.substring(7), 64, where);
            } else if (lower.startsWith("md5:")) {
                md5 = hexOfLength(digest.substring(4), 32, where);
            } else if (digest.length() == 32) {
                md5 = hexOfLength(digest, 32, where);
            } else if (digest.length() == 64) {
                sha256 = hexOfLength(digest, 64, where);
            } else {
                throw new LockfileFormatException(where + ": '#" + digest
                        + "' is not a checksum (expected 32 hex digits of md5 or 64 of sha256)");
            }
        }
        String url = toUrl(expand(location, env));
        PackageUrl parsed;
        try {
            parsed = PackageUrl.parse(url);
        } catch (LockfileFormatException e) {
            throw new LockfileFormatException(where + ": " + e.getMessage());
        }
        return parsed.toRecordBuilder().md5(md5).sha256(sha256).build();
    }

    private static String hexOfLength(String s, int length, String where) {
        if (s.length() != length || !HEX.matcher(s).matches()) {
            throw new LockfileFormatException(where + ": '" + s + "' is not a checksum of " + length + " hex digits");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    private static String expand(String location, Map<String, String> env) {
        String s = location;
        if (s.equals("~") || s.startsWith("~/")) {
            s = System.getProperty("user.home") + s.substring(1);
        }
        Matcher m = ENV_VAR.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = env.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String toUrl(String location) {
        if (location.contains("://")) {
            return location;
        }
        return Path.of(location).toAbsolutePath().normalize().toUri().toString();
    }

    /** This environment as explicit-file text, md5 checksums where known (else sha256). */
    public String render() {
        return render(HashKind.MD5);
    }

    /**
     * This environment as explicit-file text. Each URL gets the preferred checksum when the record has it, else the
     * other one, else none.
     *
     * @throws LockfileFormatException when a record has no URL
     */
    public String render(HashKind preferred) {
        StringBuilder sb = new StringBuilder();
        sb.append("# This file may be used to create an environment using:\n");
        sb.append("# $ conda create --name <env> --file <this file>\n");
        if (platform != null) {
            sb.append("# platform: ").append(platform).append('\n');
        }
        sb.append(MARKER).append('\n');
        for (PackageRecord r : records) {
            if (r.url() == null || r.url().isBlank()) {
                throw new LockfileFormatException(
                        "cannot write " + r.dist() + " to an explicit file: the record has no URL");
            }
            sb.append(r.url());
            String md5 = r.md5();
            String sha = r.sha256();
            if (preferred == HashKind.SHA256 && sha != null) {
                sb.append('#').append(sha);
            } else if (md5 != null) {
                sb.append('#').append(md5);
            } else if (sha != null) {
                sb.append('#').append(sha);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Writes {@link #render(HashKind)} to {@code file} atomically (temp file + rename). */
    public void write(Path file, HashKind preferred) throws IOException {
        AtomicFiles.writeString(file, render(preferred));
    }

    @Override
    public String toString() {
        return "ExplicitEnvironment[" + Objects.toString(platform, "?") + ", " + records.size() + " packages]";
    }
}
