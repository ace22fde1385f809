/**
 * Core metadata (the {@code METADATA} / PEP 658 {@code .metadata} file): name, version, {@code Requires-Dist},
 * {@code Requires-Python} and {@code Provides-Extra}, read from index metadata files or from a wheel's
 * {@code *.dist-info/METADATA}.
 */
package io.terrarium.conda.pip.metadata;
