package io.terrarium.interfaces.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Lets browser front ends on other origins (conda-store's UI, its JupyterLab extension) call the API with
 * credentials, but only the origins the {@link CorsPolicy} lists: off unless configured, and an origin that is not
 * listed gets no CORS headers at all. Preflight requests of a listed origin learn the allowed methods and headers.
 */
@Provider
public class CorsFilter implements ContainerResponseFilter {

    private volatile CorsPolicy policy;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        CorsPolicy p = policy();
        if (!p.enabled()) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        // the answer depends on Origin whenever CORS is on: caches must not hand one origin's answer to another
        headers.add("Vary", "Origin");
        String origin = request.getHeaderString("Origin");
        if (!p.allows(origin)) {
            return;
        }
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.putSingle("Access-Control-Allow-Credentials", "true");
        if ("OPTIONS".equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
            String requested = request.getHeaderString("Access-Control-Request-Headers");
            headers.putSingle(
                    "Access-Control-Allow-Headers", requested != null ? requested : "Authorization, Content-Type");
            headers.putSingle("Access-Control-Max-Age", "600");
        }
    }

    private CorsPolicy policy() {
        CorsPolicy p = policy;
        if (p == null) {
            Config config = ConfigProvider.getConfig(CorsFilter.class.getClassLoader());
            p = new CorsPolicy(
                    config.getOptionalValue(CorsPolicy.ALLOWED_ORIGINS, String.class),
                    config.getOptionalValue(CorsPolicy.ALLOW_ORIGIN_REGEX, String.class));
            policy = p;
        }
        return p;
    }
}
