package io.terrarium.interfaces.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The conda-store API routes the black-box tests call, as a JAX-RS client interface for MicroShed's
 * {@code @RESTClient}; every method returns the raw response so tests can check error statuses and envelopes.
 * MicroShed prefixes the paths with the application's {@code @ApplicationPath} ({@code /api}) itself.
 */
@Path("/")
@Produces(MediaType.WILDCARD)
@Consumes(MediaType.APPLICATION_JSON)
public interface CondaStoreApi {

    @GET
    @Path("v1/")
    Response version();

    /** The version route called from a browser page of another origin. */
    @GET
    @Path("v1/")
    Response versionFrom(@jakarta.ws.rs.HeaderParam("Origin") String origin);

    @GET
    @Path("v1/permission/")
    Response permission();

    @GET
    @Path("v1/usage/")
    Response usage();

    @GET
    @Path("v1/namespace/")
    Response namespaces(@QueryParam("page") Integer page, @QueryParam("size") Integer size);

    @GET
    @Path("v1/namespace/{ns}/")
    Response namespace(@PathParam("ns") String ns);

    @POST
    @Path("v1/namespace/{ns}/")
    Response createNamespace(@PathParam("ns") String ns);

    @PUT
    @Path("v1/namespace/{ns}/metadata")
    Response namespaceMetadata(@PathParam("ns") String ns, String json);

    @DELETE
    @Path("v1/namespace/{ns}/")
    Response deleteNamespace(@PathParam("ns") String ns);

    @POST
    @Path("v1/specification/")
    Response submit(String json);

    @GET
    @Path("v1/environment/")
    Response environments(
            @QueryParam("namespace") String namespace,
            @QueryParam("name") String name,
            @QueryParam("search") String search,
            @QueryParam("status") String status,
            @QueryParam("packages") List<String> packages,
            @QueryParam("artifact") String artifact);

    @GET
    @Path("v2/environment/")
    Response environmentsV2(
            @QueryParam("namespace") String namespace,
            @QueryParam("limit") Integer limit,
            @QueryParam("sort_by") String sortBy,
            @QueryParam("cursor") String cursor);

    @GET
    @Path("v1/environment/{ns}/{name}/")
    Response environment(@PathParam("ns") String ns, @PathParam("name") String name);

    @PUT
    @Path("v1/environment/{ns}/{name}/")
    Response updateEnvironment(@PathParam("ns") String ns, @PathParam("name") String name, String json);

    @DELETE
    @Path("v1/environment/{ns}/{name}/")
    Response deleteEnvironment(@PathParam("ns") String ns, @PathParam("name") String name);

    @GET
    @Path("v1/environment/{ns}/{name}/{file}")
    Response environmentLockfile(
            @PathParam("ns") String ns, @PathParam("name") String name, @PathParam("file") String file);

    /** The current build's lockfile at conda-store's slashed route (the file names are declared without slash). */
    @GET
    @Path("v1/environment/{ns}/{name}/lockfile/")
    Response environmentLockfile(@PathParam("ns") String ns, @PathParam("name") String name);

    @GET
    @Path("v1/build/")
    Response builds(
            @QueryParam("namespace") String namespace,
            @QueryParam("name") String name,
            @QueryParam("sort_by") String sortBy,
            @QueryParam("order") String order);

    @GET
    @Path("v1/build/{id}/")
    Response build(@PathParam("id") long id);

    @PUT
    @Path("v1/build/{id}/")
    Response rebuild(@PathParam("id") long id);

    @PUT
    @Path("v1/build/{id}/cancel/")
    Response cancel(@PathParam("id") long id);

    @DELETE
    @Path("v1/build/{id}/")
    Response deleteBuild(@PathParam("id") long id);

    @GET
    @Path("v1/build/{id}/packages/")
    Response buildPackages(@PathParam("id") long id, @QueryParam("search") String search);

    /** {@code file} is one of logs, yaml, lockfile, conda-lock.yml, conda-lock.yaml, archive. */
    @GET
    @Path("v1/build/{id}/{file}/")
    Response buildFile(@PathParam("id") long id, @PathParam("file") String file);

    @GET
    @Path("v1/build/{id}/{file}/")
    Response buildFileAs(
            @PathParam("id") long id, @PathParam("file") String file, @HeaderParam("Accept") String accept);

    @GET
    @Path("v1/specification/")
    Response solve(
            @QueryParam("channel") List<String> channels,
            @QueryParam("conda") List<String> conda,
            @QueryParam("pip") List<String> pip,
            @QueryParam("format") String format);

    @GET
    @Path("v1/package/")
    Response packages(
            @QueryParam("search") String search,
            @QueryParam("exact") String exact,
            @QueryParam("distinct_on") String distinctOn);

    @GET
    @Path("v1/channel/")
    Response channels();

    @GET
    @Path("v1/setting/{ns}/{env}/")
    Response environmentSettings(@PathParam("ns") String ns, @PathParam("env") String env);

    @PUT
    @Path("v1/setting/")
    Response putGlobalSettings(String json);

    @PUT
    @Path("v1/setting/{ns}/")
    Response putNamespaceSettings(@PathParam("ns") String ns, String json);

    @PUT
    @Path("v1/setting/{ns}/{env}/")
    Response putEnvironmentSettings(@PathParam("ns") String ns, @PathParam("env") String env, String json);

    @PUT
    @Path("v1/namespace/{ns}/")
    Response updateNamespace(@PathParam("ns") String ns, String json);

    @GET
    @Path("v1/namespace/{ns}/roles")
    Response namespaceRoles(@PathParam("ns") String ns);

    @DELETE
    @Path("v1/namespace/{ns}/roles")
    Response deleteNamespaceRoles(@PathParam("ns") String ns);

    @GET
    @Path("v1/namespace/{ns}/role")
    Response namespaceRole(@PathParam("ns") String ns, @QueryParam("other_namespace") String otherNamespace);

    @POST
    @Path("v1/namespace/{ns}/role")
    Response createNamespaceRole(@PathParam("ns") String ns, String json);

    @PUT
    @Path("v1/namespace/{ns}/role")
    Response updateNamespaceRole(@PathParam("ns") String ns, String json);

    /** conda-store takes the other namespace in a JSON body; Terrarium also takes it as a query parameter. */
    @DELETE
    @Path("v1/namespace/{ns}/role")
    Response deleteNamespaceRole(@PathParam("ns") String ns, @QueryParam("other_namespace") String otherNamespace);

    @GET
    @Path("v1/environment/")
    Response environmentsPage(
            @QueryParam("namespace") String namespace,
            @QueryParam("jwt") String jwt,
            @QueryParam("page") Integer page,
            @QueryParam("size") Integer size);

    @GET
    @Path("v1/build/")
    Response buildsPage(@QueryParam("page") Integer page, @QueryParam("size") Integer size);

    @GET
    @Path("v1/setting/")
    Response globalSettings();

    @GET
    @Path("v1/setting/{ns}/")
    Response namespaceSettings(@PathParam("ns") String ns);

    @GET
    @Path("v1/worker/")
    Response workers();

    @GET
    @Path("v1/no-such-route/")
    Response unknownRoute();
}
