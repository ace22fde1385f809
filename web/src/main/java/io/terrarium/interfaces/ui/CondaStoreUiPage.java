package io.terrarium.interfaces.ui;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the single page of conda-store's UI for {@code {url_prefix}/ui/} (conda-store's place) and
 * {@code {url_prefix}/conda-store/ui/} (where it is without a prefix) and every path below them, so a deep link such as
 * {@code /conda-store/ui/default/demo} opens the app at that environment; the page defines
 * {@code window.condaStoreConfig} (read by the bundle before its built-in defaults) and loads the bundle.
 *
 * <p>As in conda-store, a path ending in {@code not-found} (where the app sends unknown routes) answers 404.
 */
@WebServlet(urlPatterns = {"/conda-store/ui", "/conda-store/ui/*", "/ui", "/ui/*"})
public class CondaStoreUiPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Where the app's routes start without a url_prefix: the UI's URLs are those of conda-store under /conda-store. */
    static final String BASENAME = "/conda-store/ui";

    /** Where the app's routes start under a url_prefix, as in conda-store. */
    static final String PREFIXED_BASENAME = "/ui";

    static final String STATIC = "/conda-store/static/conda-store-ui";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String context = request.getContextPath();
        if (request.getPathInfo() == null) {
            response.sendRedirect(context + request.getServletPath() + "/");
            return;
        }
        response.setStatus(
                request.getPathInfo().endsWith("not-found")
                        ? HttpServletResponse.SC_NOT_FOUND
                        : HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        // the page is tiny and names the bundle; always revalidating it means an upgrade is seen at once
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(page(context, request.getServletPath()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The page for a deployment at {@code context} ("" at the root, else the url_prefix) whose app lives at
     * {@code basename} below it (the servlet path that was asked for, so the router sees its own URL). URLs are built
     * in the browser from its own origin, so the page is right behind a proxy that rewrites the host or the scheme.
     */
    static String page(String context, String basename) {
        String ctx = jsString(context);
        return """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width,initial-scale=1">
                <title>conda-store</title>
                <link rel="icon" type="image/svg+xml" href="%4$s">
                <script>
                  window.condaStoreConfig = (function () {
                    var root = window.location.origin + %1$s;
                    return {
                      REACT_APP_API_URL: root + "/",
                      REACT_APP_AUTH_METHOD: "cookie",
                      REACT_APP_AUTH_TOKEN: "",
                      REACT_APP_LOGIN_PAGE_URL: root + "/login/?next=",
                      REACT_APP_LOGOUT_PAGE_URL: root + "/logout/?next=" + %1$s + "/",
                      REACT_APP_STYLE_TYPE: "green-accent",
                      REACT_APP_SHOW_AUTH_BUTTON: "true",
                      REACT_APP_ROUTER_TYPE: "browser",
                      REACT_APP_URL_BASENAME: %1$s + "%2$s"
                    };
                  })();
                </script>
                <script defer src="%3$s/main.js"></script>
                <link rel="stylesheet" href="%3$s/main.css">
                </head>
                <body></body>
                </html>
                """.formatted(
                        ctx, basename, htmlAttribute(context + STATIC), htmlAttribute(context + FaviconRedirect.ICON));
    }

    /** A JavaScript string literal that is also safe inside an HTML script element. */
    static String jsString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"'
                    || c == '\\'
                    || c == '<'
                    || c == '>'
                    || c == '&'
                    || c < 0x20
                    || c == '\u2028'
                    || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static String htmlAttribute(String s) {
        return s.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }
}
