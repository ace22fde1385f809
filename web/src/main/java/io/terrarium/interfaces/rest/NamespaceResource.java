package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.namespace.NamespaceRoleService;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/namespace/}: list, get, create, update metadata and v1 role mappings, delete, and the v2 role
 * mappings under {@code {ns}/roles} and {@code {ns}/role}.
 */
@RequestScoped
@Path("v1/namespace")
@Consumes(MediaType.WILDCARD)
public class NamespaceResource {

    @Inject
    NamespaceService namespaces;

    @Inject
    NamespaceRoleService roles;

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

    /**
     * Body {@code {"metadata": {...}, "role_mappings": {"<arn>": ["<role>", ...]}}}, both optional: metadata
     * replaces the metadata, role_mappings replaces every v1 role mapping of the namespace.
     */
    @PUT
    @Path("{namespace}")
    public Response update(@PathParam("namespace") String namespace, String body) {
        Map<String, Object> request = RequestBodies.object(body);
        Object metadata = request.get("metadata");
        namespaces.update(
                namespace,
                metadata == null ? null : metadataObject(metadata),
                roleMappings(request.get("role_mappings")));
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

    /** The v2 role mappings that give other namespaces' entities access to this namespace. */
    @GET
    @Path("{namespace}/roles")
    public Response roles(@PathParam("namespace") String namespace) {
        return ApiResponses.ok(roles.roles(namespace).stream()
                .map(Representations::namespaceRole)
                .toList());
    }

    @DELETE
    @Path("{namespace}/roles")
    public Response deleteRoles(@PathParam("namespace") String namespace) {
        roles.deleteRoles(namespace);
        return ApiResponses.ack(null);
    }

    @GET
    @Path("{namespace}/role")
    public Response role(
            @PathParam("namespace") String namespace, @QueryParam("other_namespace") String otherNamespace) {
        return ApiResponses.ok(Representations.namespaceRole(roles.role(namespace, otherNamespace)));
    }

    /** Body {@code {"other_namespace": "...", "role": "viewer"|"developer"|"editor"|"admin"}}. */
    @POST
    @Path("{namespace}/role")
    public Response createRole(@PathParam("namespace") String namespace, String body) {
        Map<String, Object> request = RequestBodies.object(body);
        roles.create(
                namespace,
                RequestBodies.optionalString(request, "other_namespace"),
                RequestBodies.optionalString(request, "role"));
        return ApiResponses.ack(null);
    }

    /** Body {@code {"other_namespace": "...", "role": "..."}}: changes the role of an existing mapping. */
    @PUT
    @Path("{namespace}/role")
    public Response updateRole(@PathParam("namespace") String namespace, String body) {
        Map<String, Object> request = RequestBodies.object(body);
        roles.update(
                namespace,
                RequestBodies.optionalString(request, "other_namespace"),
                RequestBodies.optionalString(request, "role"));
        return ApiResponses.ack(null);
    }

    /**
     * Body {@code {"other_namespace": "..."}} as conda-store takes it; the query parameter {@code other_namespace}
     * is accepted too, for clients that cannot send a body with DELETE.
     */
    @DELETE
    @Path("{namespace}/role")
    public Response deleteRole(
            @PathParam("namespace") String namespace,
            @QueryParam("other_namespace") String otherNamespaceQuery,
            String body) {
        Map<String, Object> request = RequestBodies.object(body);
        String otherNamespace = RequestBodies.optionalString(request, "other_namespace");
        roles.delete(namespace, otherNamespace != null ? otherNamespace : otherNamespaceQuery);
        return ApiResponses.ack(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataObject(Object metadata) {
        if (metadata instanceof Map<?, ?>) {
            return (Map<String, Object>) metadata;
        }
        throw RequestRejectedException.invalid("'metadata' must be a JSON object");
    }

    /** @return null when absent; otherwise ARN to role names, shapes checked (values are checked by the service) */
    static Map<String, List<String>> roleMappings(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw RequestRejectedException.invalid(
                    "'role_mappings' must be a JSON object of ARN to a list of roles, e.g. {\"team/*\": [\"viewer\"]}");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String arn = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof List<?> list)) {
                throw RequestRejectedException.invalid(
                        "role_mappings: the roles of '" + arn + "' must be a list such as [\"viewer\"]");
            }
            List<String> names = new ArrayList<>();
            for (Object role : list) {
                if (!(role instanceof String s)) {
                    throw RequestRejectedException.invalid(
                            "role_mappings: the roles of '" + arn + "' must be strings, got " + role);
                }
                names.add(s);
            }
            out.put(arn, names);
        }
        return out;
    }
}
