/**
 * The build aggregate: a {@link io.terrarium.domain.model.build.Build} is one attempt to turn a specification into
 * an installed prefix, with its state machine (QUEUED, BUILDING, then COMPLETED, FAILED or CANCELED), timings, the
 * artifacts it produced and the package builds it installed. JPA entities and enums with conda-store's names; the
 * state rules live on the entity, the use cases in {@code application.build}.
 */
package io.terrarium.domain.model.build;
