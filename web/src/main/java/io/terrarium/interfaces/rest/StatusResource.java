package io.terrarium.interfaces.rest;

import io.terrarium.application.catalog.UsageService;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Caller;
import io.terrarium.application.security.CurrentCaller;
import io.terrarium.application.settings.SettingsService;
import io.terrarium.application.view.UsageView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/} (version), {@code /api/v1/permission/} (the caller's rights) and {@code /api/v1/usage/}.
 */
@RequestScoped
@Path("v1")
public class StatusResource {

    @Inject
    AuthorizationService authorization;

    @Inject
    CurrentCaller current;

    @Inject
    SettingsService settings;

    @Inject
    UsageService usage;

    @GET
    public Response version() {
        return ApiResponses.ok(Map.of("version", TerrariumApi.VERSION));
    }

    @GET
    @Path("permission")
    public Response permission() {
        Map<String, Object> data = new LinkedHashMap<>();
        Caller caller = current.get();
        data.put("authenticated", authorization.isAuthenticated());
        data.put(
                "primary_namespace",
                caller != null && caller.primaryNamespace() != null
                        ? caller.primaryNamespace()
                        : settings.effective(null, null).defaultNamespace());
        data.put("entity_permissions", authorization.entityPermissions());
        data.put("entity_roles", authorization.entityRoles());
        data.put(
                "expiration",
                caller != null && caller.expiration() != null
                        ? caller.expiration().toString()
                        : null);
        return ApiResponses.ok(data);
    }

    @GET
    @Path("usage")
    public Response usage() {
        Map<String, Object> data = new LinkedHashMap<>();
        for (UsageView u : usage.usage()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("num_environments", u.environments());
            entry.put("num_builds", u.builds());
            entry.put("storage", u.storage());
            data.put(u.namespace(), entry);
        }
        return ApiResponses.ok(data);
    }
}
