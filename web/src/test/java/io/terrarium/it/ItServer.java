package io.terrarium.it;

/**
 * Where the black-box tests find the server under test: the application's URL (with its url_prefix), the prefix
 * itself, the server's root (where the runtime's /health, /metrics and /openapi are) and the UI's path.
 */
public final class ItServer {

    /** The url_prefix the server runs under ({@code ""} for none, else e.g. {@code /conda-store}). */
    public static final String PREFIX = System.getProperty("terrarium.it.url-prefix", "");

    /** The application's URL: the server's root plus the url_prefix. */
    public static final String BASE = System.getProperty("terrarium.it.url", "http://localhost:8080");

    /** The server's root, without the url_prefix. */
    public static final String ROOT = BASE.substring(0, BASE.length() - PREFIX.length());

    /** The UI's path below {@link #BASE}: conda-store's {@code /ui} under a prefix, else {@code /conda-store/ui}. */
    public static final String UI = PREFIX.isEmpty() ? "/conda-store/ui" : "/ui";

    private ItServer() {}
}
