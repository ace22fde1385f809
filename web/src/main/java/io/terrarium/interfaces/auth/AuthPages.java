package io.terrarium.interfaces.auth;

import io.terrarium.conda.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The answers of the sign-in routes: the login form, small HTML pages, JSON envelopes, the slash redirect. */
final class AuthPages {

    private AuthPages() {}

    /**
     * conda-store declares {@code /login/}, {@code /logout/} and {@code /oauth_callback/} with the slash and
     * redirects the bare path with 307 (query kept); any deeper path is not a route.
     *
     * @return true when the request was answered here
     */
    static boolean redirectedToSlash(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String pathInfo = request.getPathInfo();
        if (pathInfo == null) {
            String query = request.getQueryString();
            response.setStatus(307);
            response.setHeader(
                    "Location",
                    request.getContextPath() + request.getServletPath() + "/" + (query == null ? "" : "?" + query));
            return true;
        }
        if (!pathInfo.equals("/")) {
            json(response, 404, Map.of("detail", "Not Found"));
            return true;
        }
        return false;
    }

    static void json(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static void html(HttpServletResponse response, int status, String title, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader(
                "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + escape(title) + "</title>"
                + "<style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:4rem auto;padding:0 1rem}"
                + "label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.4rem;box-sizing:border-box}"
                + "button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#b00020}</style>"
                + "</head><body>" + body + "</body></html>\n";
        response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where a login or logout goes when it names no other place: the application's root (the url_prefix), which
     * leads on to the UI.
     */
    static String home(HttpServletRequest request) {
        return request.getContextPath() + "/";
    }

    static void loginForm(
            HttpServletRequest request, HttpServletResponse response, int status, String next, String error)
            throws IOException {
        StringBuilder b = new StringBuilder("<h1>Sign in to Terrarium</h1>");
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\">").append(escape(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"")
                .append(escape(request.getContextPath()))
                .append("/login/?next=")
                .append(escape(java.net.URLEncoder.encode(next, StandardCharsets.UTF_8)))
                .append("\">")
                .append("<label for=\"username\">User name</label>")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>")
                .append("<label for=\"password\">Password</label>")
                .append("<input id=\"password\" name=\"password\" type=\"password\""
                        + " autocomplete=\"current-password\" required>")
                .append("<input type=\"hidden\" name=\"next\" value=\"")
                .append(escape(next))
                .append("\"><button type=\"submit\">Sign in</button></form>");
        html(response, status, "Sign in - Terrarium", b.toString());
    }

    static String escape(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
