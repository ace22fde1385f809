/**
 * A minimal JSON tree reader/writer (maps, lists, strings, numbers, booleans) on Jackson core streaming, for small
 * documents such as package metadata and conda-meta records. Large documents (repodata) stream with Jackson directly.
 */
package io.terrarium.conda.json;
