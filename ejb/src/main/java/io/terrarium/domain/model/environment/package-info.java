/**
 * The environment entity: a stable name in a namespace that points at its current (active) build.
 */
package io.terrarium.domain.model.environment;
