/**
 * Simple repository API clients: PEP 691 JSON and PEP 503 HTML project pages (with PEP 658/714 metadata files,
 * PEP 592 yanking and {@code data-requires-python}), read through {@link io.terrarium.conda.pip.index.HttpSource},
 * which revalidates cached pages with ETag/Last-Modified, takes credentials from URLs, applies pip's
 * {@code --trusted-host} rule and redacts passwords from every message.
 * {@link io.terrarium.conda.pip.index.SimpleIndexClient} merges the pages of the {@code --index-url} and every
 * {@code --extra-index-url} as pip does.
 */
package io.terrarium.conda.pip.index;
