package io.terrarium.domain.model.specification;

import java.util.Map;

/**
 * The validated content of a submission, either an environment specification or a conda-lock lockfile, in the
 * shape conda-store hashes and stores.
 */
public sealed interface SpecificationContent permits EnvironmentSpecification, LockfileSpecification {

    /** @return the environment name the content declares */
    String name();

    /** @return the description, never null */
    String description();

    boolean isLockfile();

    /** @return the tree conda-store stores as {@code specification.spec} and hashes */
    Map<String, Object> toTree();

    /** @return conda-store's content hash of {@link #toTree()} */
    default String sha256() {
        return SpecificationHash.of(toTree());
    }
}
