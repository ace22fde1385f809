package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.build.BuildQueryService;
import io.terrarium.application.environment.EnvironmentFilter;
import io.terrarium.application.environment.EnvironmentService;
import io.terrarium.application.security.ArnPattern;
import io.terrarium.application.security.AuthorizationService;
import io.terrarium.application.security.Caller;
import io.terrarium.application.security.Permission;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.interfaces.auth.TokenAuthenticator;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/environment/}: list with filters, get, activate a build or change the description, delete, and
 * the current build's lockfile.
 */
@RequestScoped
@Path("v1/environment")
@Consumes(MediaType.WILDCARD)
public class EnvironmentResource {

    @Inject
    EnvironmentService environments;

    @Inject
    BuildQueryService builds;

    @Inject
    TokenAuthenticator tokens;

    @Inject
    AuthorizationService authorization;

    @Inject
    Downloads downloads;

    /** conda-store's headers on its deprecated v1 environment list (superseded by {@code /api/v2/environment/}). */
    static final String SUNSET = "Mon, 17 Mar 2025 00:00:00 UTC";

    /**
     * Filters: search, namespace, name, status, packages (repeatable), artifact, and {@code jwt}: a token whose
     * readable environments the list is restricted to as well (the caller's own visibility always applies).
     * Deprecated, as in conda-store.
     */
    @GET
    public Response list(@Context UriInfo uri) {
        QueryParameters q = new QueryParameters(uri);
        Response page = ApiResponses.page(
                environments.list(filter(q), q.paging(), tokenScopes(q.string("jwt"))),
                e -> Representations.environment(e, true));
        return Response.fromResponse(page)
                .header("Deprecation", "True")
                .header("Sunset", SUNSET)
                .build();
    }

    /** @return null without a token; a token that does not verify is refused (conda-store fails with a 500) */
    private List<ArnPattern> tokenScopes(String jwt) {
        if (jwt == null) {
            return null;
        }
        Caller caller = tokens.authenticate(jwt)
                .orElseThrow(() -> RequestRejectedException.invalid(
                        "jwt: not a valid token of this server (expired, or signed with another secret)"));
        return authorization.effectiveBindingsOf(caller).patternsGranting(Permission.ENVIRONMENT_READ);
    }

    static EnvironmentFilter filter(QueryParameters q) {
        return new EnvironmentFilter(
                q.string("search"), q.string("namespace"), q.string("name"), q.status(), q.packages(), q.artifact());
    }

    @GET
    @Path("{namespace}/{name}")
    public Response get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return ApiResponses.ok(Representations.environment(environments.get(namespace, name), true));
    }

    /** Body {@code {"build_id": N}} to activate an older COMPLETED build, and/or {@code {"description": "..."}}. */
    @PUT
    @Path("{namespace}/{name}")
    public Response update(@PathParam("namespace") String namespace, @PathParam("name") String name, String body) {
        Map<String, Object> request = RequestBodies.object(body);
        environments.update(
                namespace,
                name,
                RequestBodies.optionalLong(request, "build_id"),
                RequestBodies.optionalString(request, "description"));
        return ApiResponses.ack(null);
    }

    @DELETE
    @Path("{namespace}/{name}")
    public Response delete(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        environments.delete(namespace, name);
        return ApiResponses.ack(null);
    }

    @GET
    @Path("{namespace}/{name}/lockfile")
    public Response lockfile(
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        long build = environments.currentBuildId(namespace, name);
        return downloads.lockfile(builds.artifactFile(build, BuildArtifactType.LOCKFILE), build, headers, uri);
    }

    @GET
    @Path("{namespace}/{name}/conda-lock.yml")
    public Response lockfileYml(
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        return lockfile(namespace, name, headers, uri);
    }

    @GET
    @Path("{namespace}/{name}/conda-lock.yaml")
    public Response lockfileYaml(
            @PathParam("namespace") String namespace,
            @PathParam("name") String name,
            @Context HttpHeaders headers,
            @Context UriInfo uri) {
        return lockfile(namespace, name, headers, uri);
    }
}
