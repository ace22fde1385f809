package io.terrarium.conda.pip.index;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEP 503 HTML project page: every anchor is a file, its {@code #sha256=} fragment the hash, with
 * {@code data-requires-python}, {@code data-core-metadata} / {@code data-dist-info-metadata} (PEP 658/714) and
 * {@code data-yanked}, relative links resolved against the page or its {@code <base href>}.
 */
final class SimpleHtmlPage {
    private static final Pattern ANCHOR =
            Pattern.compile("<a\\s([^>]*)>(.*?)</a\\s*>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern BASE = Pattern.compile("<base\\s([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTR =
            Pattern.compile("([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z]+);");

    private SimpleHtmlPage() {}

    static List<DistributionFile> parse(byte[] body, URI pageUrl) {
        String html = new String(body, StandardCharsets.UTF_8);
        URI base = pageUrl;
        Matcher b = BASE.matcher(html);
        if (b.find()) {
            String href = attributes(b.group(1)).get("href");
            if (href != null) {
                base = pageUrl.resolve(href);
            }
        }
        List<DistributionFile> files = new ArrayList<>();
        Matcher m = ANCHOR.matcher(html);
        while (m.find()) {
            Map<String, String> attrs = attributes(m.group(1));
            String href = attrs.get("href");
            if (href == null) {
                continue;
            }
            String abs = base.resolve(href.strip()).toString();
            String fragment = null;
            int hash = abs.indexOf('#');
            if (hash >= 0) {
                fragment = abs.substring(hash + 1);
                abs = abs.substring(0, hash);
            }
            String name = unescape(m.group(2).replaceAll("<[^>]*>", "")).strip();
            if (name.isEmpty()) {
                name = abs.substring(abs.lastIndexOf('/') + 1);
            }
            String sha = hashValue(fragment);
            String md = attrs.containsKey("data-core-metadata")
                    ? attrs.get("data-core-metadata")
                    : attrs.get("data-dist-info-metadata");
            boolean hasMd = md != null && !md.equalsIgnoreCase("false");
            String rp = attrs.get("data-requires-python");
            files.add(new DistributionFile(
                    name,
                    abs,
                    sha,
                    rp == null || rp.isBlank() ? null : rp,
                    hasMd,
                    hashValue(md),
                    attrs.get("data-yanked")));
        }
        return files;
    }

    /** {@code sha256=<hex>} gives the hex; anything else gives null. */
    private static String hashValue(String s) {
        if (s == null) {
            return null;
        }
        for (String part : s.split("&")) {
            if (part.toLowerCase(Locale.ROOT).startsWith("sha256=")) {
                return part.substring(7).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** Attribute name (lower case) to unescaped value; a bare attribute has the value {@code ""}. */
    static Map<String, String> attributes(String tag) {
        Map<String, String> out = new HashMap<>();
        Matcher a = ATTR.matcher(tag);
        while (a.find()) {
            String v = a.group(2) != null ? a.group(2) : a.group(3) != null ? a.group(3) : a.group(4);
            out.putIfAbsent(a.group(1).toLowerCase(Locale.ROOT), v == null ? "" : unescape(v));
        }
        return out;
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        return ENTITY.matcher(s).replaceAll(m -> {
            String e = m.group(1);
            String r;
            if (e.startsWith("#x") || e.startsWith("#X")) {
                r = new String(Character.toChars(Integer.parseInt(e.substring(2), 16)));
            } else if (e.startsWith("#")) {
                r = new String(Character.toChars(Integer.parseInt(e.substring(1))));
            } else {
                switch (e.toLowerCase(Locale.ROOT)) {
                    case "lt":
                        r = "<";
                        break;
                    case "gt":
                        r = ">";
                        break;
                    case "amp":
                        r = "&";
                        break;
                    case "quot":
                        r = "\"";
                        break;
                    case "apos":
                        r = "'";
                        break;
                    default:
                        r = m.group();
                }
            }
            return Matcher.quoteReplacement(r);
        });
    }
}
