/**
 * The files that pin a solved environment: conda-lock v1 lockfiles ({@code conda-lock.yml}, CEP 37), explicit files
 * ({@code @EXPLICIT}, CEP 23) and {@code conda env export} YAML, read and written the way conda, conda-lock and
 * micromamba read them (YAML 1.1-safe quoting, content hashes, package identity from archive URLs). Errors are
 * {@link io.terrarium.conda.lock.LockfileFormatException}s naming the file and the place. No solving or fetching
 * here: reading a lockfile gives the records to install.
 */
package io.terrarium.conda.lock;
