/**
 * The application layer: the use cases the REST API and the build job call, one service per area in the
 * sub-packages ({@code build}, {@code catalog}, {@code environment}, {@code namespace}, {@code settings},
 * {@code specification}, {@code security}) and the read models they answer with ({@code view}). This package holds
 * what they share: paging requests and pages, the refusal a caller sees as a 4xx
 * ({@link io.terrarium.application.RequestRejectedException}) and where a build's files are. Services own the
 * transactions and the permission checks; they call the domain model and the infrastructure, and never a JAX-RS
 * or Jakarta Batch type.
 */
package io.terrarium.application;
