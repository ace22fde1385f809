package io.terrarium.interfaces.rest;

import io.terrarium.application.catalog.CatalogService;
import io.terrarium.application.catalog.PackageFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * {@code /api/v1/channel/} and {@code /api/v1/package/} (with {@code search}, {@code exact}, {@code build},
 * {@code distinct_on}).
 */
@RequestScoped
@Path("v1")
public class CatalogResource {

    @Inject
    CatalogService catalog;

    @GET
    @Path("channel")
    public Response channels(@Context UriInfo uri) {
        return ApiResponses.page(catalog.channels(new QueryParameters(uri).paging()), Representations::channel);
    }

    @GET
    @Path("package")
    public Response packages(@Context UriInfo uri) {
        QueryParameters q = new QueryParameters(uri);
        PackageFilter filter = new PackageFilter(q.string("search"), q.flag("exact"), q.string("build"));
        return ApiResponses.page(
                catalog.packages(filter, q.list("distinct_on"), q.paging()), Representations::condaPackage);
    }
}
