package io.terrarium.interfaces.rest;

import io.terrarium.application.namespace.NamespaceService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;

/**
 * {@code /api/v1/namespace/}: list, get, create, update metadata, delete.
 */
@RequestScoped
@Path("v1/namespace")
@Consumes(MediaType.WILDCARD)
public class NamespaceResource {

    @Inject
    NamespaceService namespaces;

    @GET
    public Response list(@Context UriInfo uri) {
        return ApiResponses.page(
                namespaces.list(new QueryParameters(uri).paging()), Representations::namespaceSummary, false);
    }

    @GET
    @Path("{namespace}")
    public Response get(@PathParam("namespace") String namespace) {
        return ApiResponses.ok(Representations.namespace(namespaces.get(namespace)));
    }

    @POST
    @Path("{namespace}")
    public Response create(@PathParam("namespace") String namespace) {
        namespaces.create(namespace);
        return ApiResponses.ack(null);
    }

    /** Body {@code {"metadata": {...}, "role_mappings": {...}}}; role mappings arrive with authentication. */
    @PUT
    @Path("{namespace}")
    public Response update(@PathParam("namespace") String namespace, String body) {
        Map<String, Object> request = RequestBodies.object(body);
        Object metadata = request.get("metadata");
        if (metadata != null) {
            namespaces.updateMetadata(namespace, metadataObject(metadata));
        } else {
            namespaces.get(namespace);
        }
        if (request.get("role_mappings") != null) {
            throw io.terrarium.application.RequestRejectedException.invalid(
                    "role_mappings are not supported until authentication is enabled");
        }
        return ApiResponses.ack(null);
    }

    /** conda-store's metadata route: the whole body is the metadata object. */
    @PUT
    @Path("{namespace}/metadata")
    public Response metadata(@PathParam("namespace") String namespace, String body) {
        namespaces.updateMetadata(namespace, RequestBodies.object(body));
        return ApiResponses.ack(null);
    }

    @DELETE
    @Path("{namespace}")
    public Response delete(@PathParam("namespace") String namespace) {
        namespaces.delete(namespace);
        return ApiResponses.ack(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataObject(Object metadata) {
        if (metadata instanceof Map<?, ?>) {
            return (Map<String, Object>) metadata;
        }
        throw io.terrarium.application.RequestRejectedException.invalid("'metadata' must be a JSON object");
    }
}
