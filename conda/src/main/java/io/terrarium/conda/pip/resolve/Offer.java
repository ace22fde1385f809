package io.terrarium.conda.pip.resolve;

import io.terrarium.conda.pip.version.PipVersion;
import java.util.List;
import java.util.Map;

/**
 * What the indexes offer the target for one project: installable candidates newest first, and why the other
 * versions are not installable (for explanations).
 *
 * @param candidates  installable versions, newest first
 * @param sdistOnly   versions published only as source distributions, with one of their file names
 * @param unusable    other versions and why they do not fit (Requires-Python, no compatible wheel, yanked)
 */
record Offer(List<Candidate> candidates, Map<PipVersion, String> sdistOnly, Map<PipVersion, String> unusable) {}
