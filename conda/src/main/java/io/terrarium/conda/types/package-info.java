/**
 * The engine's vocabulary, shared by every other package: versions and version specs with conda's ordering, match
 * specs, package records, platforms (subdirs), dist names ({@code name-version-build}) and the string matchers
 * specs use. Parsing reports the column of a mistake; parsed values are immutable and match without allocating,
 * as the solver calls them millions of times. This package depends on no other package of the engine.
 */
package io.terrarium.conda.types;
