package io.terrarium.interfaces.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * Redirects a request without the trailing slash to the slashed route with 307 (method and body kept, query string
 * kept), as conda-store's Starlette router does; clients and conda-store's own tests rely on it. The routes that
 * conda-store declares without the slash (the {@code conda-lock.yml}/{@code .yaml} lockfile aliases and the
 * namespace {@code metadata}, {@code roles} and {@code role} routes) answer directly.
 */
@Provider
@PreMatching
public class TrailingSlashRedirect implements ContainerRequestFilter {

    private static final Set<String> DECLARED_WITHOUT_SLASH =
            Set.of("conda-lock.yml", "conda-lock.yaml", "metadata", "roles", "role");

    @Override
    public void filter(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (path == null || path.endsWith("/") || "OPTIONS".equals(request.getMethod())) {
            return;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (DECLARED_WITHOUT_SLASH.contains(last)) {
            return;
        }
        URI slashed = UriBuilder.fromUri(uri).replacePath(path + "/").build();
        request.abortWith(Response.temporaryRedirect(slashed).build());
    }
}
