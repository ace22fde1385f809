package io.terrarium.conda.pip.index;

import io.terrarium.conda.repodata.UrlCredentials;

/** Hides the password (or a lone token) in URLs that carry credentials, as pip prints them: {@code user:****@host}. */
public final class Redaction {

    private Redaction() {}

    /** The text with the credentials of every URL in it redacted ({@link UrlCredentials#redact}). */
    public static String redact(String text) {
        return UrlCredentials.redact(text);
    }
}
