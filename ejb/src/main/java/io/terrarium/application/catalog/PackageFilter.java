package io.terrarium.application.catalog;

/**
 * Filters of package searches; null fields do not filter.
 */
public record PackageFilter(String search, boolean exact, String build) {}
