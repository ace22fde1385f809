package io.terrarium.interfaces.rest;

import io.terrarium.application.build.WorkerQueryService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /api/v1/worker/}: the workers of the cluster, their leases and the builds they run. */
@RequestScoped
@Path("v1/worker")
public class WorkerResource {

    @Inject
    WorkerQueryService workers;

    @GET
    public Response list() {
        return ApiResponses.ok(
                workers.list().stream().map(Representations::worker).toList());
    }
}
