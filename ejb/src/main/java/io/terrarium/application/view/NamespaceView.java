package io.terrarium.application.view;

import io.terrarium.domain.model.namespace.Namespace;

/**
 * Read model of a namespace for API responses.
 *
 * @param metadataJson the namespace's metadata as JSON object text
 */
public record NamespaceView(long id, String name, String metadataJson) {

    public static NamespaceView of(Namespace n) {
        return new NamespaceView(n.getId(), n.getName(), n.getMetadataJson());
    }
}
