/**
 * Installs wheels into a conda prefix (PEP 427/491, the binary distribution format):
 * {@link io.terrarium.conda.pip.install.WheelInstaller} maps a wheel unpacked and verified in the shared cache onto
 * the prefix's {@link io.terrarium.conda.pip.install.SchemeLayout}, refuses to overwrite files a conda package
 * owns, stages and then moves the files in (hard links where it can), writes {@code INSTALLER}, {@code REQUESTED},
 * {@code direct_url.json}, script launchers and byte code, and writes {@code RECORD} last, so installing the same
 * wheel again after a crash or on restart finishes or skips it.
 */
package io.terrarium.conda.pip.install;
