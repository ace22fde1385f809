package io.terrarium.interfaces.storage;

import java.util.Locale;

/**
 * Whether a lockfile request asks for the stored YAML rather than conda-store's JSON: {@code ?format=yaml}, or an
 * {@code Accept} header naming a YAML type before any JSON type.
 */
public final class YamlPreference {

    private YamlPreference() {}

    /** @param format the {@code format} query parameter, or null; @param accept the Accept header, or null */
    public static boolean wantsYaml(String format, String accept) {
        if ("yaml".equals(format)) {
            return true;
        }
        if (accept == null) {
            return false;
        }
        for (String range : accept.split(",")) {
            String type = range.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            int slash = type.indexOf('/');
            String subtype = slash < 0 ? "" : type.substring(slash + 1);
            if (subtype.equals("yaml") || subtype.equals("x-yaml")) {
                return true;
            }
            if (subtype.equals("json")) {
                return false;
            }
        }
        return false;
    }
}
