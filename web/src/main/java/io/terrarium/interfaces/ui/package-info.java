/**
 * conda-store's web UI ({@code @conda-store/conda-store-ui}, the published bundle the build puts under
 * {@code /conda-store/static/conda-store-ui/}): the page that loads it at {@code /conda-store/ui/} and every deep link
 * below, with its configuration pointing at this server's API, login and logout, and the redirects to it.
 */
package io.terrarium.interfaces.ui;
