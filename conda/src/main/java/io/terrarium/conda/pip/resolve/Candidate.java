package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.index.DistributionFile;
import io.terrarium.conda.pip.version.PipVersion;

/**
 * One installable version of a project for the target: the best-tagged compatible wheel of that version.
 *
 * @param version the version
 * @param file    the chosen wheel as the index lists it
 */
record Candidate(PipVersion version, DistributionFile file) {}
