/**
 * Resolution of pip requirements to pinned wheels for a target python: {@link
 * io.terrarium.conda.pip.resolve.PipResolver} backtracks over versions newest first, fed by {@link
 * io.terrarium.conda.pip.resolve.PackageSource} (index pages, compatible wheels, core metadata), lets packages conda
 * installed satisfy requirements, refuses source-only packages and explains a failure in terms of who needs what.
 * The answer, a {@link io.terrarium.conda.pip.resolve.PipResolution}, is a list of {@link
 * io.terrarium.conda.pip.resolve.PinnedWheel}s that a lockfile records and an installer installs one at a time.
 */
package io.terrarium.conda.pip.resolve;
