package io.terrarium.interfaces.rest;

import io.terrarium.application.CursorPage;
import io.terrarium.application.Paging;
import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.environment.EnvironmentService;
import io.terrarium.application.view.EnvironmentView;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v2/environment/}: the environment list with cursor pagination ({@code limit}, {@code cursor},
 * {@code sort_by}, {@code order}).
 */
@RequestScoped
@Path("v2/environment")
public class EnvironmentV2Resource {

    @Inject
    EnvironmentService environments;

    @GET
    public Response list(@Context UriInfo uri) {
        QueryParameters q = new QueryParameters(uri);
        String order = q.string("order");
        if (order != null && !order.equals("asc") && !order.equals("desc")) {
            throw RequestRejectedException.invalid("order must be 'asc' or 'desc'");
        }
        int limit = q.integer("limit", Paging.MAX_PAGE_SIZE);
        if (limit < 1) {
            throw RequestRejectedException.invalid("limit must be at least 1");
        }
        CursorPage<EnvironmentView> page = environments.listV2(
                EnvironmentResource.filter(q),
                q.string("cursor"),
                Math.min(limit, Paging.MAX_PAGE_SIZE),
                q.list("sort_by"),
                "desc".equals(order));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "data",
                page.items().stream()
                        .map(e -> Representations.environment(e, false))
                        .toList());
        body.put("status", "ok");
        body.put("message", null);
        body.put("cursor", page.cursor());
        body.put("count", page.count());
        return ApiResponses.json(200, body);
    }
}
