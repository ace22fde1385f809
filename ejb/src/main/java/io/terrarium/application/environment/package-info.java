/**
 * Environments as use cases: listing (v1 pages and v2 cursors, with their filter), reading, switching the active
 * build, updating the description and deleting. The active build's files are switched by
 * {@code application.build}'s activation, which this package calls.
 */
package io.terrarium.application.environment;
