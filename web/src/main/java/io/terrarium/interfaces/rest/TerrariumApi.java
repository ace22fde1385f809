package io.terrarium.interfaces.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The JAX-RS application: conda-store's REST API under {@code /api} ({@code /api/v1/...}, {@code /api/v2/...}),
 * relative to the web application's context root.
 */
@ApplicationPath("/api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Terrarium",
                        version = TerrariumApi.VERSION,
                        description = "conda-store's REST API v1 (and the v2 environment listing) served by Terrarium"))
public class TerrariumApi extends Application {

    /** Reported by {@code GET /api/v1/}. */
    public static final String VERSION = "0.1.0";
}
