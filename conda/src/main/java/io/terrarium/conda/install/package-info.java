/**
 * The installer: links records from the package cache into a prefix, as conda's link step does.
 *
 * <p>{@link io.terrarium.conda.install.PrefixInstaller} is the entry point; a
 * {@link io.terrarium.conda.install.Transaction} links a list in {@link io.terrarium.conda.install.LinkOrder} record by
 * record (pre-link script, files,
 * {@code noarch: python} entry points and byte code, post-link script, and last the record's
 * {@code conda-meta/<dist>.json}), so an interrupted install is finished by running it again: records with a matching
 * conda-meta file are skipped, a half-linked one is linked over. {@link io.terrarium.conda.install.PrefixWriter}
 * keeps every write inside the prefix and atomic (staged, then renamed), {@link io.terrarium.conda.install.PrefixReplacer}
 * rewrites placeholders, {@link io.terrarium.conda.install.PrefixData} reads what is installed and
 * {@link io.terrarium.conda.install.History} keeps {@code conda-meta/history}.
 */
package io.terrarium.conda.install;
