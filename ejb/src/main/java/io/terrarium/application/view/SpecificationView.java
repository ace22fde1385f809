package io.terrarium.application.view;

import io.terrarium.domain.model.specification.Specification;
import java.time.LocalDateTime;

/**
 * Read model of a stored specification for API responses.
 *
 * @param specJson the validated specification as JSON object text
 */
public record SpecificationView(
        long id, String name, String specJson, String sha256, boolean lockfile, LocalDateTime createdOn) {

    public static SpecificationView of(Specification s) {
        return new SpecificationView(
                s.getId(), s.getName(), s.getSpecJson(), s.getSha256(), s.isLockfile(), s.getCreatedOn());
    }
}
