/**
 * conda-pack: {@link io.terrarium.conda.pack.CondaPacker} turns an installed environment into a relocatable
 * {@code .tar.gz} in conda-pack's layout, with the {@code bin/conda-unpack}, {@code activate} and
 * {@code deactivate} scripts that fix the prefix where the archive is unpacked. It reads a prefix the installer
 * wrote and never changes it.
 */
package io.terrarium.conda.pack;
