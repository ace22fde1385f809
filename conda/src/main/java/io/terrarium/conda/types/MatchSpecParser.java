package io.terrarium.conda.types;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parses match spec text the way conda's {@code _parse_spec_str} does: strip a {@code #} comment and an
 * {@code  if ...} condition; a package file path or URL becomes a spec on {@code url}/{@code fn}; take out the
 * {@code [key=value, ...]} section (wherever it is); split {@code channel[/subdir]:namespace:} off from the right; take the name;
 * split the rest into version and build; then let bracket values override positional ones.
 */
final class MatchSpecParser {
    private static final Set<String> KNOWN_SUBDIRS =
            Platform.known().stream().map(Platform::subdir).collect(Collectors.toUnmodifiableSet());
    /** The spec's fields, plus {@code build_string}: conda's other name for {@code build}. */
    private static final Set<String> BRACKET_KEYS = Stream.concat(
                    MatchSpec.FIELD_NAMES.stream(), Stream.of("build_string"))
            .collect(Collectors.toUnmodifiableSet());

    private final String text;

    private MatchSpecParser(String text) {
        this.text = text;
    }

    static MatchSpec parse(String text) {
        if (text == null) {
            throw new MatchSpecParseException("invalid match spec: null");
        }
        return new MatchSpecParser(text).run();
    }

    private MatchSpec run() {
        MatchSpec.Fields f = new MatchSpec.Fields();
        f.original = text;
        int end = text.indexOf('#');
        if (end < 0) {
            end = text.length();
        }
        int cond = text.indexOf(" if ");
        if (cond >= 0 && cond < end) {
            end = cond;
        }
        int start = 0;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            throw error(start, "empty match spec");
        }
        String s = text.substring(start, end);

        if (s.endsWith("@") && s.length() > 1 && s.indexOf(' ') < 0) {
            // legacy feature spec: mkl@ means "any package that tracks the mkl feature"
            f.trackFeatures = List.of(s.substring(0, s.length() - 1));
            return new MatchSpec(f);
        }
        if (s.endsWith(".tar.bz2") || s.endsWith(".conda")) {
            packageFile(s, f);
            return new MatchSpec(f);
        }

        // bracket section: the first '[' starts it. Like conda, it may sit anywhere (ray[default] >=2.9 in real
        // repodata); it is blanked out rather than cut so that later error columns still point into the original.
        Map<String, String> brackets = new LinkedHashMap<>();
        Map<String, Integer> bracketAt = new LinkedHashMap<>();
        int open = s.indexOf('[');
        int stray = s.indexOf(']');
        if (stray >= 0 && (open < 0 || stray < open)) {
            throw error(start + stray, "']' without a matching '['");
        }
        if (open >= 0) {
            int close = brackets(s, open, start, brackets, bracketAt);
            String rest = s.substring(close + 1).strip();
            int tail = close + 1;
            if (rest.startsWith("(") && rest.endsWith(")") && (rest.contains("target") || rest.contains("optional"))) {
                // conda's "(target=..., optional)" suffix: installer hints, not match criteria
                tail = s.length();
            }
            s = s.substring(0, open) + " ".repeat(tail - open) + s.substring(tail);
            int again = s.indexOf('[');
            if (again >= 0) {
                throw error(start + again, "multiple bracket sections are not allowed");
            }
            stray = s.indexOf(']');
            if (stray >= 0) {
                throw error(start + stray, "']' without a matching '['");
            }
        }
        int specEnd = s.length();
        while (specEnd > 0 && Character.isWhitespace(s.charAt(specEnd - 1))) {
            specEnd--;
        }
        if (specEnd == 0) {
            throw error(start, "no package name found");
        }

        // channel[/subdir]:namespace:rest, split from the right
        int restStart = 0;
        int c1 = s.lastIndexOf(':', specEnd - 1);
        if (c1 >= 0) {
            int c2 = c1 > 0 ? s.lastIndexOf(':', c1 - 1) : -1;
            if (c2 >= 0) {
                channel(s.substring(0, c2).strip(), f);
            }
            restStart = c1 + 1;
        }
        if (brackets.containsKey("channel")) {
            MatchSpec.Fields bf = new MatchSpec.Fields();
            channel(brackets.get("channel"), bf);
            if (bf.channel != null) {
                f.channel = bf.channel;
            }
            if (bf.subdir != null) {
                f.subdir = bf.subdir;
            }
        }
        if (brackets.containsKey("subdir")) {
            f.subdir = brackets.get("subdir");
        }

        // name
        while (restStart < specEnd && Character.isWhitespace(s.charAt(restStart))) {
            restStart++;
        }
        int nameEnd = restStart;
        while (nameEnd < specEnd && " =<>!~".indexOf(s.charAt(nameEnd)) < 0) {
            nameEnd++;
        }
        if (nameEnd == restStart) {
            throw error(
                    start + restStart,
                    restStart < specEnd
                            ? "no package name found before '" + s.charAt(restStart) + "'"
                            : "no package name found");
        }
        String name = s.substring(restStart, nameEnd);
        checkName(name, start + restStart);
        f.name = name.equals("*") ? null : name.toLowerCase(Locale.ROOT);

        // version and build
        if (specEnd - nameEnd > 1) {
            int vbStart = nameEnd, vbEnd = specEnd;
            while (vbStart < vbEnd && Character.isWhitespace(s.charAt(vbStart))) {
                vbStart++;
            }
            while (vbEnd > vbStart && Character.isWhitespace(s.charAt(vbEnd - 1))) {
                vbEnd--;
            }
            if (vbStart < vbEnd) {
                versionAndBuild(s, vbStart, vbEnd, start, f);
            }
        }

        // bracket values win over positional ones (except name, as in conda)
        for (Map.Entry<String, String> e : brackets.entrySet()) {
            bracketValue(e.getKey(), e.getValue(), bracketAt.get(e.getKey()), f);
        }
        return new MatchSpec(f);
    }

    /** conda's {@code _parse_version_plus_build} followed by its {@code =1.2} translation. */
    private void versionAndBuild(String s, int from, int to, int base, MatchSpec.Fields f) {
        String vb = s.substring(from, to);
        int n = vb.length();
        int split = -1;
        for (int i = 1; i < n - 1 && split < 0; i++) {
            char c = vb.charAt(i);
            if ((c == ' ' || c == '=') && "=!|,<>~".indexOf(vb.charAt(i - 1)) < 0 && isBuildText(vb, i + 1)) {
                split = i;
            }
        }
        String versionRaw = split < 0 ? vb : vb.substring(0, split);
        String build = split < 0 ? null : vb.substring(split + 1).strip();
        String version = versionRaw.replace(" ", "");
        if (!version.equals("==") && !version.equals("=") && version.startsWith("=")) {
            String test = version.substring(1);
            if (version.startsWith("==") && build == null) {
                version = version.substring(2);
            } else if (test.indexOf('=') < 0 && test.indexOf(',') < 0 && test.indexOf('|') < 0) {
                version = build == null && !test.endsWith("*") ? test + "*" : test;
            }
        }
        f.version = versionSpec(version, base + from, versionRaw);
        if (build != null) {
            try {
                f.build = checkedPattern(build, false);
            } catch (MatchSpecParseException e) {
                throw error(base + from + split + 1, e.reason());
            }
        }
    }

    /** True when vb[from..] can be a build string: non-empty and free of {@code -=,|<>~}. */
    private static boolean isBuildText(String vb, int from) {
        if (from >= vb.length()) {
            return false;
        }
        for (int i = from; i < vb.length(); i++) {
            if ("-=,|<>~".indexOf(vb.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses a version spec written at {@code at}; {@code raw} is its text before spaces were removed. */
    private VersionSpec versionSpec(String version, int at, String raw) {
        try {
            return VersionSpec.parse(version);
        } catch (MatchSpecParseException e) {
            int index = e.index() < 0 ? 0 : e.index();
            // map the index in the space-free (and possibly '='-trimmed) text back onto the raw text
            String compact = raw.replace(" ", "");
            int shift = 0;
            while (shift < compact.length()
                    && shift < 2
                    && compact.charAt(shift) == '='
                    && (version.length() <= shift || version.charAt(shift) != '=')) {
                shift++; // the '=' or '==' that conda's translation stripped
            }
            int target = index + shift, seen = 0, i = 0;
            while (i < raw.length() && (seen < target || raw.charAt(i) == ' ')) {
                if (raw.charAt(i) != ' ') {
                    seen++;
                }
                i++;
            }
            throw error(at + i, e.reason());
        }
    }

    private void checkName(String name, int at) {
        if (StringMatcher.isRegex(name)) {
            try {
                StringMatcher.of(name, true);
                return;
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '*' || c == '+';
            if (!ok) {
                throw error(at + i, "invalid character '" + c + "' in package name '" + name + "'");
            }
        }
    }

    /** Sets channel and subdir from {@code channel} or {@code channel/subdir}; {@code *} means any channel. */
    private static void channel(String value, MatchSpec.Fields f) {
        if (value == null || value.isEmpty()) {
            return;
        }
        String ch = ChannelMatcher.stripTrailingSlashes(value);
        int slash = ch.lastIndexOf('/');
        if (slash >= 0 && KNOWN_SUBDIRS.contains(ch.substring(slash + 1))) {
            f.subdir = ch.substring(slash + 1);
            ch = ch.substring(0, slash);
        }
        f.channel = ch.isEmpty() || ch.equals("*") ? null : ch;
    }

    /**
     * Reads {@code [k=v, k2='v 2', ...]} starting at {@code open}; returns the index of the closing bracket.
     * Values may be quoted with ' or " (needed for spaces, commas, '=' and brackets).
     */
    private int brackets(String s, int open, int base, Map<String, String> out, Map<String, Integer> at) {
        int i = open + 1;
        int n = s.length();
        while (true) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                throw error(base + open, "'[' is never closed");
            }
            if (s.charAt(i) == ']') {
                return i;
            }
            int keyStart = i;
            while (i < n && isKeyChar(s.charAt(i))) {
                i++;
            }
            if (i == keyStart) {
                throw error(
                        base + i, "expected a key such as version= or build= in brackets, found '" + s.charAt(i) + "'");
            }
            String key = s.substring(keyStart, i);
            int afterKey = i;
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (!BRACKET_KEYS.contains(key.toLowerCase(Locale.ROOT))
                    && (i >= n || s.charAt(i) == ',' || s.charAt(i) == ']' || i > afterKey && isKeyChar(s.charAt(i)))) {
                // a bare word such as pip's extras (ray[default,data]): conda ignores these, so do we
                continue;
            }
            String operator = "";
            if (i < n
                    && "<>!~".indexOf(s.charAt(i)) >= 0
                    && (key.equalsIgnoreCase("version") || key.equalsIgnoreCase("build_number"))) {
                // deprecated conda form version<2 for version='<2'
                int opStart = i;
                while (i < n && "<>!~=".indexOf(s.charAt(i)) >= 0) {
                    i++;
                }
                operator = s.substring(opStart, i);
            } else {
                if (i >= n || s.charAt(i) != '=') {
                    throw error(base + i, "expected '=' after bracket key '" + key + "'");
                }
                i++;
            }
            while (i < n && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= n) {
                throw error(base + open, "'[' is never closed");
            }
            int valueStart;
            String value;
            char q = s.charAt(i);
            if (q == '\'' || q == '"') {
                int closeQuote = s.indexOf(q, i + 1);
                if (closeQuote < 0) {
                    throw error(base + i, "unterminated quote in brackets");
                }
                valueStart = i + 1;
                value = s.substring(valueStart, closeQuote);
                i = closeQuote + 1;
            } else {
                valueStart = i;
                while (i < n && s.charAt(i) != ',' && s.charAt(i) != ']' && !Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                value = s.substring(valueStart, i);
            }
            if (value.isEmpty()) {
                throw error(base + valueStart, "empty value for bracket key '" + key + "'");
            }
            if (!operator.isEmpty()) {
                value = operator + value;
                valueStart -= operator.length();
            }
            String k = key.toLowerCase(Locale.ROOT);
            if (k.equals("build_string")) {
                k = "build";
            }
            if (!BRACKET_KEYS.contains(k)) {
                throw error(
                        base + keyStart,
                        "unknown bracket key '" + key + "' (known: " + String.join(", ", MatchSpec.FIELD_NAMES) + ")");
            }
            out.put(k, value);
            at.put(k, base + valueStart);
            if (i < n && s.charAt(i) != ',' && s.charAt(i) != ']' && !Character.isWhitespace(s.charAt(i))) {
                throw error(base + i, "expected ',' or ']' after the value of '" + key + "'");
            }
        }
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    }

    private void bracketValue(String key, String value, int at, MatchSpec.Fields f) {
        try {
            switch (key) {
                case "channel", "subdir", "name" -> {} // handled earlier; name outside the brackets always wins
                case "version" -> f.version = VersionSpec.parse(value.strip());
                case "build" -> f.build = checkedPattern(value.strip(), false);
                case "build_number" -> f.buildNumber = BuildNumberSpec.parse(value);
                case "track_features" -> f.trackFeatures = splitFeatures(value);
                case "features" -> f.features = splitFeatures(value);
                case "url" -> f.url = value;
                case "md5" -> f.md5 = value;
                case "sha256" -> f.sha256 = value;
                case "license" -> f.license = checkedPattern(value, true);
                case "license_family" -> f.licenseFamily = checkedPattern(value, true);
                case "fn" -> f.fn = value;
                default -> throw new AssertionError(key);
            }
        } catch (MatchSpecParseException e) {
            throw error(at + Math.max(0, e.index()), "in " + key + ": " + e.reason());
        }
    }

    /** Compiles a string field's glob or regex now, so a bad regex is reported at its position. */
    private static StringMatcher checkedPattern(String value, boolean ignoreCase) {
        try {
            return StringMatcher.of(value, ignoreCase);
        } catch (IllegalArgumentException e) {
            throw new MatchSpecParseException(value, 0, e.getMessage());
        }
    }

    private static List<String> splitFeatures(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    /** A package file path or URL: a spec on exactly that file ({@code url}, {@code fn}, name, version, build). */
    private void packageFile(String s, MatchSpec.Fields f) {
        String url = s;
        if (!s.contains("://")) {
            String path = s.replace('\\', '/');
            try {
                url = path.startsWith("/")
                        ? "file://" + path
                        : "file://"
                                + java.nio.file.Path.of(s)
                                        .toAbsolutePath()
                                        .toString()
                                        .replace('\\', '/');
            } catch (java.nio.file.InvalidPathException e) {
                throw error(Math.max(0, e.getIndex()), "not a usable package file path: " + e.getReason());
            }
        }
        int slash = url.lastIndexOf('/');
        String fileName = url.substring(slash + 1);
        f.fn = fileName;
        f.url = url;
        int dirStart = slash > 0 ? url.lastIndexOf('/', slash - 1) : -1;
        if (dirStart < 0 || !KNOWN_SUBDIRS.contains(url.substring(dirStart + 1, slash))) {
            // not inside a channel's subdir: only the file itself identifies the package
            return;
        }
        String decoded = percentDecode(fileName);
        Dist dist = Dist.ofFileName(decoded)
                .orElseThrow(() -> error(0, "package file name '" + fileName + "' is not <name>-<version>-<build>"));
        f.name = dist.name().toLowerCase(Locale.ROOT);
        f.version = versionSpec(dist.version(), 0, dist.version());
        f.build = StringMatcher.of(dist.build(), false);
        f.subdir = url.substring(dirStart + 1, slash);
        f.channel = percentDecode(url.substring(0, dirStart));
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private MatchSpecParseException error(int index, String reason) {
        return new MatchSpecParseException(text, index, reason);
    }
}
