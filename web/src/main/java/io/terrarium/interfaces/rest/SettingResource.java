package io.terrarium.interfaces.rest;

import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Permission;
import io.terrarium.application.settings.SettingsService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * {@code /api/v1/setting/}, {@code /api/v1/setting/{ns}/} and {@code /api/v1/setting/{ns}/{env}/}: read the
 * effective settings or write values at that level.
 */
@RequestScoped
@Path("v1/setting")
@Consumes(MediaType.WILDCARD)
public class SettingResource {

    @Inject
    SettingsService settings;

    @Inject
    AuthorizationService authorization;

    @GET
    public Response global() {
        return read(null, null);
    }

    @PUT
    public Response putGlobal(String body) {
        return write(null, null, body);
    }

    @GET
    @Path("{namespace}")
    public Response namespace(@PathParam("namespace") String namespace) {
        return read(namespace, null);
    }

    @PUT
    @Path("{namespace}")
    public Response putNamespace(@PathParam("namespace") String namespace, String body) {
        return write(namespace, null, body);
    }

    @GET
    @Path("{namespace}/{environment}")
    public Response environment(
            @PathParam("namespace") String namespace, @PathParam("environment") String environment) {
        return read(namespace, environment);
    }

    @PUT
    @Path("{namespace}/{environment}")
    public Response putEnvironment(
            @PathParam("namespace") String namespace, @PathParam("environment") String environment, String body) {
        return write(namespace, environment, body);
    }

    private Response read(String namespace, String environment) {
        authorization.require(Permission.SETTING_READ, arn(namespace, environment));
        return ApiResponses.ok(settings.effective(namespace, environment).asMap());
    }

    private Response write(String namespace, String environment, String body) {
        authorization.require(Permission.SETTING_UPDATE, arn(namespace, environment));
        List<String> keys = settings.update(namespace, environment, RequestBodies.object(body));
        return ApiResponses.ok(null, "global setting keys " + keys + " updated");
    }

    private static String arn(String namespace, String environment) {
        if (namespace == null) {
            return "";
        }
        return environment == null
                ? AuthorizationService.arn(namespace)
                : AuthorizationService.arn(namespace, environment);
    }
}
