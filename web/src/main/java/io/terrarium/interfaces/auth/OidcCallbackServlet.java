package io.terrarium.interfaces.auth;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /oauth_callback/}: where the OpenID Connect provider sends the browser back with the code. */
@WebServlet(urlPatterns = "/oauth_callback/*")
public class OidcCallbackServlet extends HttpServlet {

    @Inject
    AuthSettings settings;

    @Inject
    OidcLogin oidc;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (AuthPages.redirectedToSlash(request, response)) {
            return;
        }
        if (!settings.oidcEnabled()) {
            AuthPages.json(response, 404, java.util.Map.of("detail", "Not Found"));
            return;
        }
        oidc.callback(request, response);
    }
}
