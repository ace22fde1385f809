package io.terrarium.conda.pip;

import io.terrarium.conda.pip.index.IndexConfig;
import io.terrarium.conda.pip.index.Redaction;
import io.terrarium.conda.pip.requirement.InvalidRequirementException;
import io.terrarium.conda.pip.requirement.Requirement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code pip:} list of an environment.yml read as pip reads a requirements file: requirement lines, and the
 * options {@code --index-url}/{@code -i}, {@code --extra-index-url} and {@code --trusted-host} (with a space or
 * {@code =}) and {@code --pre}; any other option is refused with a message that names it.
 *
 * @param requirements the requirements, in order
 * @param indexes      the index configuration the options describe (PyPI when none is given)
 * @param preReleases  whether {@code --pre} admits pre-releases everywhere
 */
public record PipSection(List<Requirement> requirements, IndexConfig indexes, boolean preReleases) {

    public PipSection {
        requirements = List.copyOf(requirements);
    }

    /** Parses the lines; {@code cacheDir} is where index pages are cached (null for none). */
    public static PipSection parse(List<String> lines, Path cacheDir) {
        List<Requirement> reqs = new ArrayList<>();
        String index = null;
        List<String> extra = new ArrayList<>();
        Set<String> trusted = new LinkedHashSet<>();
        boolean pre = false;
        for (String raw : lines) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("-")) {
                String opt;
                String value;
                int eq = line.indexOf('=');
                int sp = indexOfSpace(line);
                if (eq > 0 && (sp < 0 || eq < sp)) {
                    opt = line.substring(0, eq);
                    value = line.substring(eq + 1).strip();
                } else if (sp > 0) {
                    opt = line.substring(0, sp);
                    value = line.substring(sp).strip();
                } else {
                    opt = line;
                    value = "";
                }
                switch (opt) {
                    case "--index-url":
                    case "-i":
                        index = required(opt, value);
                        break;
                    case "--extra-index-url":
                        extra.add(required(opt, value));
                        break;
                    case "--trusted-host":
                        trusted.add(required(opt, value));
                        break;
                    case "--pre":
                        if (!value.isEmpty()) {
                            throw new InvalidRequirementException("pip option --pre takes no value: '" + line + "'");
                        }
                        pre = true;
                        break;
                    default:
                        throw new InvalidRequirementException("unsupported pip option in the pip section: '"
                                + Redaction.redact(line) + "' (supported: --index-url, --extra-index-url, "
                                + "--trusted-host, --pre)");
                }
                continue;
            }
            reqs.add(Requirement.parse(line));
        }
        return new PipSection(
                reqs, new IndexConfig(index == null ? IndexConfig.PYPI : index, extra, trusted, cacheDir), pre);
    }

    private static String required(String opt, String value) {
        if (value.isEmpty()) {
            throw new InvalidRequirementException("pip option " + opt + " needs a value");
        }
        return value;
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Drops a {@code #} comment that starts a line or follows whitespace, as pip's requirement files do. */
    private static String stripComment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
