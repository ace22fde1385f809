package io.terrarium.interfaces.rest;

import io.terrarium.application.settings.SettingsService;
import io.terrarium.interfaces.auth.TokenIssuer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code POST /api/v1/token/}: a new token for the caller, at most as wide and as long-lived as its own. */
@RequestScoped
@Path("v1/token")
public class TokenResource {

    @Inject
    TokenIssuer issuer;

    @Inject
    SettingsService settings;

    @POST
    public Response create(String body) {
        String token = issuer.issue(
                RequestBodies.object(body), settings.effective(null, null).defaultNamespace());
        return ApiResponses.ok(Map.of("token", token));
    }
}
