package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.specification.SpecificationService;
import io.terrarium.conda.json.Json;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /api/v1/specification/}: submit an environment specification (or a lockfile) and get the id of the
 * queued build.
 */
@RequestScoped
@Path("v1/specification")
@Consumes(MediaType.WILDCARD)
public class SpecificationResource {

    @Inject
    SpecificationService specifications;

    /**
     * Body: {@code specification} (YAML or JSON text; a JSON object is accepted too), {@code namespace},
     * {@code is_lockfile}, {@code environment_name}, {@code environment_description}.
     */
    @POST
    public Response submit(String body) {
        Map<String, Object> request = RequestBodies.object(body);
        Object spec = request.get("specification");
        String text;
        if (spec instanceof String s) {
            text = s;
        } else if (spec instanceof Map<?, ?>) {
            text = Json.write(spec);
        } else {
            throw RequestRejectedException.invalid(spec == null ? "'specification' is required"
                    : "'specification' must be a string holding YAML or JSON");
        }
        long buildId = specifications.submit(new SpecificationService.Submission(text,
                RequestBodies.optionalString(request, "namespace"), RequestBodies.bool(request, "is_lockfile"),
                RequestBodies.optionalString(request, "environment_name"),
                RequestBodies.optionalString(request, "environment_description")));
        return ApiResponses.ok(Map.of("build_id", buildId));
    }
}
