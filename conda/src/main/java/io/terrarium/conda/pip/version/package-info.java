/**
 * PEP 440 versions and version specifiers: {@link io.terrarium.conda.pip.version.PipVersion} parses and orders
 * versions as the {@code packaging} library does, {@link io.terrarium.conda.pip.version.Specifier} is one clause
 * ({@code >=1.2}, {@code ==1.2.*}, {@code ~=1.4.5}, {@code ===x}) and
 * {@link io.terrarium.conda.pip.version.SpecifierSet} their conjunction, with pre-releases excluded unless asked for.
 */
package io.terrarium.conda.pip.version;
