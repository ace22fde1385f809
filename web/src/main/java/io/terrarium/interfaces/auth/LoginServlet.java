package io.terrarium.interfaces.auth;

import io.terrarium.application.security.Caller;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.json.JsonFormatException;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * conda-store's {@code /login/}: GET shows the sign-in form (or sends the browser to the OpenID Connect provider
 * when one is configured); POST takes {@code {"username","password"}} as JSON or the form's fields, checks them
 * against the built-in users and sets the session cookie. JSON callers get {@code {"redirect_url"}}, the form a 303.
 */
@WebServlet(urlPatterns = "/login/*")
public class LoginServlet extends HttpServlet {

    static final String INVALID = "Invalid authentication credentials";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    AuthSettings settings;

    @Inject
    OidcLogin oidc;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (AuthPages.redirectedToSlash(request, response)) {
            return;
        }
        String next = RedirectTargets.safe(request.getParameter("next"), AuthPages.home(request));
        if (settings.oidcEnabled()) {
            oidc.redirectToProvider(request, response, next);
            return;
        }
        AuthPages.loginForm(request, response, HttpServletResponse.SC_OK, next, null);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (AuthPages.redirectedToSlash(request, response)) {
            return;
        }
        // the body decides, not the content type: curl -d sends JSON as form encoding
        String text = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean json = text.isBlank() || text.stripLeading().startsWith("{");
        Map<String, String> fields = new LinkedHashMap<>();
        if (json) {
            try {
                Map<String, Object> body = text.isBlank() ? Map.of() : Json.parseObject(text);
                body.forEach((k, v) -> {
                    if (v instanceof String value) {
                        fields.put(k, value);
                    }
                });
            } catch (JsonFormatException | ClassCastException e) {
                AuthPages.json(response, 400, error("request body must be a JSON object {\"username\", \"password\"}"));
                return;
            }
        } else {
            try {
                readForm(text, fields);
            } catch (IllegalArgumentException e) {
                AuthPages.loginForm(
                        request,
                        response,
                        400,
                        AuthPages.home(request),
                        "The form could not be read: " + e.getMessage());
                return;
            }
        }
        String username = fields.get("username");
        String password = fields.get("password");
        String next = RedirectTargets.safe(
                request.getParameter("next") != null ? request.getParameter("next") : fields.get("next"),
                AuthPages.home(request));
        Caller caller = null;
        if (username != null && password != null && !username.isEmpty()) {
            CredentialValidationResult result =
                    identityStores.validate(new UsernamePasswordCredential(username, password));
            if (result.getStatus() == CredentialValidationResult.Status.VALID
                    && result.getCallerPrincipal() instanceof UserPrincipal principal) {
                UserStore.User user = principal.user();
                caller = new Caller(
                        true,
                        user.name(),
                        user.primaryNamespace(),
                        user.roleBindings(),
                        Instant.now().plus(settings.sessionLifetime()));
            }
        }
        if (caller == null) {
            if (json) {
                AuthPages.json(response, HttpServletResponse.SC_FORBIDDEN, error(INVALID));
            } else {
                AuthPages.loginForm(request, response, HttpServletResponse.SC_FORBIDDEN, next, INVALID);
            }
            return;
        }
        String token = tokens.sessionTokens().issue(caller, SessionTokens.SOURCE_USER);
        SessionCookie.set(request, response, token, caller.expiration());
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "ok");
            body.put("data", Map.of("redirect_url", next));
            body.put("message", null);
            AuthPages.json(response, HttpServletResponse.SC_OK, body);
        } else {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", next);
        }
    }

    private static void readForm(String text, Map<String, String> fields) {
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.putIfAbsent(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    private static Map<String, Object> error(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("message", message);
        return body;
    }
}
