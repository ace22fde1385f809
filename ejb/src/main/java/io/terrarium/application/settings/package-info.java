/**
 * conda-store's runtime settings: the known keys with their types and scopes, and the service that reads and writes
 * them at global, namespace and environment level and merges them over the deployment defaults into the settings in
 * force for one scope.
 */
package io.terrarium.application.settings;
