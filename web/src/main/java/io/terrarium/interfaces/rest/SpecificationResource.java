package io.terrarium.interfaces.rest;

import io.terrarium.application.RequestRejectedException;
import io.terrarium.application.specification.SolveService;
import io.terrarium.application.specification.SpecificationService;
import io.terrarium.conda.SolveOutcome;
import io.terrarium.conda.json.Json;
import io.terrarium.conda.lock.CondaLock;
import io.terrarium.conda.types.PackageRecord;
import io.terrarium.interfaces.storage.CondaLockJson;
import io.terrarium.interfaces.storage.StoredArtifact;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/specification/}: submit an environment specification (or a lockfile) and get the id of the
 * queued build; {@code GET /api/v1/specification/}: solve conda specs synchronously without building.
 */
@RequestScoped
@Path("v1/specification")
@Consumes(MediaType.WILDCARD)
public class SpecificationResource {

    @Inject
    SpecificationService specifications;

    @Inject
    SolveService solver;

    /**
     * Query: {@code channel}, {@code conda}, {@code pip} (each repeatable) and {@code format}: none gives
     * conda-store's {@code {"solve": [package builds]}}, {@code yaml} an environment.yaml pinning every package,
     * {@code lockfile} the conda-lock JSON.
     */
    @GET
    public Response solve(@Context UriInfo uri) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String format = query.getFirst("format");
        if (format != null && !format.equals("yaml") && !format.equals("lockfile")) {
            throw RequestRejectedException.invalid("format must be 'yaml' or 'lockfile', not '" + format + "'");
        }
        SolveOutcome outcome = solver.solve(values(query, "channel"), values(query, "conda"), values(query, "pip"));
        if ("lockfile".equals(format)) {
            String subdir = outcome.platform().subdir();
            CondaLock lock = CondaLock.of(
                    Map.of(subdir, outcome.records()),
                    outcome.channels().stream().map(CondaLock.LockChannel::of).toList(),
                    Map.of(subdir, outcome.contentHash()),
                    List.of());
            return Response.ok(Json.writePretty(CondaLockJson.tree(lock)), ApiResponses.JSON)
                    .build();
        }
        if ("yaml".equals(format)) {
            return Response.ok(environmentYaml(outcome), StoredArtifact.YAML).build();
        }
        return ApiResponses.json(
                200,
                Map.of(
                        "solve",
                        outcome.records().stream()
                                .map(SpecificationResource::record)
                                .toList()));
    }

    private static List<String> values(MultivaluedMap<String, String> query, String key) {
        List<String> values = query.get(key);
        return values == null
                ? List.of()
                : values.stream().filter(v -> !v.isBlank()).toList();
    }

    private static Map<String, Object> record(PackageRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("version", r.versionText());
        m.put("build", r.build());
        m.put("build_number", r.buildNumber());
        m.put("channel", r.channel());
        m.put("subdir", r.subdir());
        m.put("url", r.url());
        m.put("md5", r.md5());
        m.put("sha256", r.sha256());
        m.put("size", r.size());
        m.put("depends", r.depends());
        m.put("constrains", r.constrains());
        m.put("license", r.license());
        m.put("timestamp", r.timestamp());
        return m;
    }

    /** JSON strings are YAML flow scalars, so every value is written as one and needs no YAML quoting rules. */
    private static String environmentYaml(SolveOutcome outcome) {
        StringBuilder yaml = new StringBuilder("name: conda-store-solve\nchannels:\n");
        for (String channel : outcome.channels()) {
            yaml.append("- ").append(Json.write(channel)).append('\n');
        }
        yaml.append("dependencies:\n");
        for (PackageRecord r : outcome.records()) {
            yaml.append("- ")
                    .append(Json.write(r.name() + "=" + r.versionText() + "=" + r.build()))
                    .append('\n');
        }
        return yaml.toString();
    }

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
            throw RequestRejectedException.invalid(
                    spec == null
                            ? "'specification' is required"
                            : "'specification' must be a string holding YAML or JSON");
        }
        long buildId = specifications.submit(new SpecificationService.Submission(
                text,
                RequestBodies.optionalString(request, "namespace"),
                RequestBodies.bool(request, "is_lockfile"),
                RequestBodies.optionalString(request, "environment_name"),
                RequestBodies.optionalString(request, "environment_description")));
        return ApiResponses.ok(Map.of("build_id", buildId));
    }
}
