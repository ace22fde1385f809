/**
 * Specifications: the submitted text read as YAML, checked against conda-store's schema as an environment
 * specification or a conda-lock lockfile, hashed the way conda-store hashes it, and stored once per content hash
 * (the {@link io.terrarium.domain.model.specification.Specification} entity). Validation errors are
 * {@link io.terrarium.domain.model.specification.InvalidSpecificationException}s whose message the author can act
 * on; the settings-dependent rules are {@code application.specification}'s.
 */
package io.terrarium.domain.model.specification;
