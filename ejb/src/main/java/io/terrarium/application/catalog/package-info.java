/**
 * The package catalog as the API reads it: known channels, package search ({@code search}, {@code exact},
 * {@code build}, {@code distinct_on}) and the packages one build installed, plus per-namespace usage. Read-only:
 * the catalog is written when a build completes, in {@code application.build}.
 */
package io.terrarium.application.catalog;
