/**
 * Namespaces as use cases: list, create, update metadata and delete (soft-deleting the environments and builds they
 * hold), under conda-store's naming rules.
 */
package io.terrarium.application.namespace;
