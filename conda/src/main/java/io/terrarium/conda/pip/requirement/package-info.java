/**
 * PEP 508 dependency specifiers: {@link io.terrarium.conda.pip.requirement.PackageName} (PEP 503 normalised names),
 * {@link io.terrarium.conda.pip.requirement.Requirement} (name, extras, specifiers or URL, marker) and
 * {@link io.terrarium.conda.pip.requirement.Marker}, evaluated against a
 * {@link io.terrarium.conda.pip.requirement.MarkerEnvironment} that is built from the conda solution's python and
 * platform rather than from a running interpreter.
 */
package io.terrarium.conda.pip.requirement;
