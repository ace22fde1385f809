/**
 * conda-store's storage route, {@code {url_prefix}/storage/{key}}: the artifact routes answer 307 to a short-lived
 * signed link here, and this route serves the stored file (build log, YAML export, lockfile, conda-pack archive).
 */
package io.terrarium.interfaces.storage;
