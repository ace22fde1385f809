package io.terrarium.conda.pip.index;

import java.util.regex.Pattern;

/** Hides the password (or a lone token) in URLs that carry credentials, as pip prints them: {@code user:****@host}. */
public final class Redaction {
    private static final Pattern USERINFO = Pattern.compile("(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?<info>[^/@\\s]*)@");

    private Redaction() {}

    /** The text with the credentials of every URL in it redacted. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return USERINFO.matcher(text).replaceAll(m -> {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String shown = colon >= 0 ? info.substring(0, colon) + ":****" : "****";
            return java.util.regex.Matcher.quoteReplacement(m.group(1) + shown + "@");
        });
    }
}
