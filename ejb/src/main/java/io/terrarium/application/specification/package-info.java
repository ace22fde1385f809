/**
 * Submitting a specification: conda-store's specification rules applied with the settings in force (channels,
 * allow-list, default and required packages, match spec syntax), then the specification, its environment and a
 * QUEUED build stored and the build queued, all in one transaction, so a refused submission leaves nothing behind.
 */
package io.terrarium.application.specification;
