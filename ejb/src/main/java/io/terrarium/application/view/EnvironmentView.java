package io.terrarium.application.view;

import io.terrarium.domain.model.environment.Environment;

/**
 * Read model of an environment for API responses: its namespace, name, description and active build id.
 */
public record EnvironmentView(long id, NamespaceView namespace, String name, String description, Long currentBuildId) {

    public static EnvironmentView of(Environment e) {
        return new EnvironmentView(
                e.getId(), NamespaceView.of(e.getNamespace()), e.getName(), e.getDescription(), e.getCurrentBuildId());
    }
}
