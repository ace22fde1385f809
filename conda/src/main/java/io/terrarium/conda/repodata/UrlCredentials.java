package io.terrarium.conda.repodata;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides or removes the credentials a channel or index URL may carry: a {@code user:password@} part (shown as
 * {@code user:****@}, as pip prints it) and an anaconda.org token path {@code /t/<token>/} (shown as
 * {@code /t/<TOKEN>/}, as conda's {@code mask_anaconda_token} does). Used wherever a URL is written where others
 * read it: build logs, lockfiles, exports, API answers, error messages.
 */
public final class UrlCredentials {
    private static final Pattern USERINFO = Pattern.compile("(?<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?<info>[^/@\\s]*)@");
    private static final Pattern TOKEN = Pattern.compile("(://[^/\\s]+)?/t/(?!<TOKEN>)[A-Za-z0-9_-]+(?=/|$|\\s|\")");
    private static final Pattern TOKEN_ANYWHERE =
            Pattern.compile("(?<host>://[^/\\s]+)/t/(?!<TOKEN>)[A-Za-z0-9_-]+(?=[/\\s\"']|$)");

    /** What a masked token reads as: conda's own form. */
    public static final String TOKEN_MASK = "<TOKEN>";

    private UrlCredentials() {}

    /** @return the text with the credentials of every URL in it masked; null stays null */
    public static String redact(String text) {
        if (text == null || (text.indexOf('@') < 0 && !text.contains("/t/"))) {
            return text;
        }
        String masked = USERINFO.matcher(text).replaceAll(m -> {
            String info = m.group(2);
            int colon = info.indexOf(':');
            String shown = colon >= 0 ? info.substring(0, colon) + ":****" : "****";
            return Matcher.quoteReplacement(m.group(1) + shown + "@");
        });
        return TOKEN_ANYWHERE
                .matcher(masked)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "/t/" + TOKEN_MASK));
    }

    /** @return the URL without its user information and token path: the channel as it is compared and stored */
    public static String strip(String url) {
        if (url == null) {
            return null;
        }
        String noUser = USERINFO.matcher(url).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        return TOKEN.matcher(noUser).replaceAll(m -> Matcher.quoteReplacement(m.group(1) == null ? "" : m.group(1)));
    }
}
