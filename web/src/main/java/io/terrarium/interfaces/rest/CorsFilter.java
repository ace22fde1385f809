package io.terrarium.interfaces.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Lets browser front ends on other origins (conda-store's UI, its JupyterLab extension) call the API with
 * credentials, as conda-store does: origins matching {@code terrarium.cors.allow-origin-regex} (default any) are
 * echoed back, and preflight requests learn the allowed methods and headers.
 */
@Provider
public class CorsFilter implements ContainerResponseFilter {

    public static final String ALLOW_ORIGIN_REGEX = "terrarium.cors.allow-origin-regex";

    private volatile Pattern allowed;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || !allowedOrigins().matcher(origin).matches()) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Access-Control-Allow-Origin", origin);
        headers.putSingle("Access-Control-Allow-Credentials", "true");
        headers.add("Vary", "Origin");
        if ("OPTIONS".equals(request.getMethod())) {
            headers.putSingle("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
            String requested = request.getHeaderString("Access-Control-Request-Headers");
            headers.putSingle(
                    "Access-Control-Allow-Headers", requested != null ? requested : "Authorization, Content-Type");
            headers.putSingle("Access-Control-Max-Age", "600");
        }
    }

    private Pattern allowedOrigins() {
        Pattern p = allowed;
        if (p == null) {
            String regex = ConfigProvider.getConfig(CorsFilter.class.getClassLoader())
                    .getOptionalValue(ALLOW_ORIGIN_REGEX, String.class)
                    .orElse(".*");
            p = Pattern.compile(regex);
            allowed = p;
        }
        return p;
    }
}
