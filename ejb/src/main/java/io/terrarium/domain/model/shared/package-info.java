/**
 * Rules every part of the domain follows: how namespaces and environments may be named (conda-store's rule plus
 * path safety, as names become directories) and the time convention (naive UTC at microsecond precision). Plain
 * Java, no JPA.
 */
package io.terrarium.domain.model.shared;
