/**
 * conda-store's REST API (v1, and v2 environment listing) in JAX-RS: one resource per path, each a few lines that
 * read the request, call one application service and write conda-store's JSON envelope; plus the exception mapper
 * that turns every failure into {@code {"status":"error","message":...}} with a 4xx/5xx status, and CORS. Depends on
 * the application layer (services, filters, read models), never on the infrastructure.
 */
package io.terrarium.interfaces.rest;
