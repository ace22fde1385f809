/**
 * JPA repositories, one per aggregate, and the query builder their filtered listings share (every value a bound
 * parameter). They take filters declared in {@code application} and return entities; transactions and permission
 * checks are the calling services'. Only the application layer uses this package; the REST layer never does.
 */
package io.terrarium.infrastructure.persistence;
