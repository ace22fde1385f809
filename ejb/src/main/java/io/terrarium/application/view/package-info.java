/**
 * Read models the application services answer with: plain immutable records of builds, artifacts, channels,
 * packages, environments, namespaces, specifications and usage, copied out of the entities inside the transaction so
 * callers never touch a managed entity. The REST layer turns them into conda-store's JSON shapes.
 */
package io.terrarium.application.view;
