package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.build.BuildCommandService;
import io.terrarium.application.build.BuildFilter;
import io.terrarium.application.build.BuildQueryService;
import io.terrarium.application.catalog.CatalogService;
import io.terrarium.application.catalog.PackageFilter;
import io.terrarium.domain.model.build.BuildArtifactType;
import io.terrarium.interfaces.storage.ArtifactKind;
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
import java.util.Map;

/**
 * {@code /api/v1/build/}: list, get, rebuild, cancel, delete, installed packages, and the artifact downloads
 * (logs, YAML export, the lockfile under its three names, conda-pack archive), which redirect to the storage route.
 */
@RequestScoped
@Path("v1/build")
@Consumes(MediaType.WILDCARD)
public class BuildResource {

    @Inject
    BuildQueryService builds;

    @Inject
    BuildCommandService commands;

    @Inject
    CatalogService catalog;

    @Inject
    Downloads downloads;

    /** Filters: status, packages, artifact, environment_id, name, namespace; sort_by id, *_on. */
    @GET
    public Response list(@Context UriInfo uri) {
        QueryParameters q = new QueryParameters(uri);
        BuildFilter filter = new BuildFilter(
                q.status(),
                q.packages(),
                q.artifact(),
                q.optionalLong("environment_id"),
                q.string("name"),
                q.string("namespace"));
        return ApiResponses.page(builds.list(filter, q.paging()), Representations::build);
    }

    @GET
    @Path("{id: [0-9]+}")
    public Response get(@PathParam("id") long id) {
        BuildQueryService.BuildDetail detail = builds.detail(id);
        return ApiResponses.ok(Representations.withRuns(Representations.build(detail.build()), detail.runs()));
    }

    @PUT
    @Path("{id: [0-9]+}")
    public Response rebuild(@PathParam("id") long id) {
        return ApiResponses.ok(Map.of("build_id", commands.rebuild(id)), "rebuild triggered");
    }

    @PUT
    @Path("{id: [0-9]+}/cancel")
    public Response cancel(@PathParam("id") long id) {
        commands.cancel(id);
        return ApiResponses.ack("build " + id + " canceled");
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        commands.delete(id);
        return ApiResponses.ack("build " + id + " deleted");
    }

    /** Query: search, exact, build; sort_by channel, name. */
    @GET
    @Path("{id: [0-9]+}/packages")
    public Response packages(@PathParam("id") long id, @Context UriInfo uri) {
        QueryParameters q = new QueryParameters(uri);
        PackageFilter filter = new PackageFilter(q.string("search"), q.flag("exact"), q.string("build"));
        // conda-store leaves the channel's last_update out (null) in build package lists
        return ApiResponses.page(
                catalog.packagesOfBuild(id, filter, q.paging()),
                p -> Representations.condaPackage(new io.terrarium.application.view.PackageView(
                        p.id(),
                        new io.terrarium.application.view.ChannelView(
                                p.channel().id(), p.channel().name(), null),
                        p.name(),
                        p.version(),
                        p.license(),
                        p.summary())));
    }

    @GET
    @Path("{id: [0-9]+}/logs")
    public Response logs(@PathParam("id") long id, @Context UriInfo uri) {
        return downloads.redirect(builds.logFile(id), ArtifactKind.LOGS, "build " + id + " has no logs yet", uri);
    }

    @GET
    @Path("{id: [0-9]+}/yaml")
    public Response yaml(@PathParam("id") long id, @Context UriInfo uri) {
        return downloads.redirect(
                builds.artifactFile(id, BuildArtifactType.YAML),
                ArtifactKind.YAML,
                "build " + id + " has no YAML export",
                uri);
    }

    @GET
    @Path("{id: [0-9]+}/lockfile")
    public Response lockfile(@PathParam("id") long id, @Context HttpHeaders headers, @Context UriInfo uri) {
        return downloads.lockfile(builds.artifactFile(id, BuildArtifactType.LOCKFILE), id, headers, uri);
    }

    @GET
    @Path("{id: [0-9]+}/conda-lock.yml")
    public Response lockfileYml(@PathParam("id") long id, @Context HttpHeaders headers, @Context UriInfo uri) {
        return lockfile(id, headers, uri);
    }

    @GET
    @Path("{id: [0-9]+}/conda-lock.yaml")
    public Response lockfileYaml(@PathParam("id") long id, @Context HttpHeaders headers, @Context UriInfo uri) {
        return lockfile(id, headers, uri);
    }

    @GET
    @Path("{id: [0-9]+}/archive")
    public Response archive(@PathParam("id") long id, @Context UriInfo uri) {
        return downloads.redirect(
                builds.artifactFile(id, BuildArtifactType.CONDA_PACK),
                ArtifactKind.ARCHIVE,
                "build " + id + " has no conda-pack archive",
                uri);
    }

    @GET
    @Path("{id: [0-9]+}/installer")
    public Response installer(@PathParam("id") long id) {
        builds.get(id);
        throw RequestRejectedException.invalid("Build " + id + " doesn't have an installer");
    }

    @GET
    @Path("{id: [0-9]+}/docker")
    public Response docker(@PathParam("id") long id) {
        builds.get(id);
        throw RequestRejectedException.invalid("Build " + id + " doesn't have a docker manifest");
    }
}
