/**
 * The package catalog as stored: channels, packages (a name and version in a channel) and package builds (build
 * string, number, subdir, hashes), the rows conda-store keeps of what builds installed. JPA entities only; the
 * engine's own types are in {@code io.terrarium.conda.types}.
 */
package io.terrarium.domain.model.conda;
