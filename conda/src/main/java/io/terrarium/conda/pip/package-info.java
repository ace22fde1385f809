/**
 * The pip side of the engine: installs wheels from PyPI-style indexes into a conda prefix without running pip.
 *
 * <p>The sub-packages follow the boundaries rattler and uv draw: {@code version} (PEP 440 versions and specifiers),
 * {@code requirement} (PEP 508 requirements, names and environment markers), {@code index} (PEP 503/691 simple
 * index clients), {@code wheel} (wheel file names and compatible tags), {@code metadata} (core metadata),
 * {@code resolve} (a backtracking resolver over those) and {@code install} (PEP 427 unpacking into a prefix). A
 * build job resolves once to a list of pinned wheels, then fetches and installs them one at a time.
 */
package io.terrarium.conda.pip;
