/**
 * Wheels as files: {@link io.terrarium.conda.pip.wheel.WheelFilename} parses PEP 427 names (compressed tag sets,
 * build tags) and {@link io.terrarium.conda.pip.wheel.CompatibleTags} lists the tags a target python and conda
 * platform accept, most preferred first, in pip's order (cpXY, abi3, none; manylinux by glibc with the legacy
 * aliases, musllinux, macOS by version and architecture, Windows).
 */
package io.terrarium.conda.pip.wheel;
