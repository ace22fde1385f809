/**
 * What the server reports to dashboards through MicroProfile Metrics at {@code /metrics}: conda-store's gauges (disk,
 * builds per status, environments) and Terrarium's own (queue depth, workers alive, resumed and abandoned builds,
 * step and build duration histograms). Database-backed values are read with a deadline, so a scrape never hangs on a
 * database outage; the build job records durations with one call per listener.
 */
package io.terrarium.infrastructure.metrics;
