package io.terrarium.application.view;

/**
 * Resource usage of one namespace: environments, builds and bytes of installed prefixes.
 */
public record UsageView(String namespace, long environments, long builds, long storage) {}
