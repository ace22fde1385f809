/**
 * Conda package archives and the package cache.
 *
 * <ul>
 *   <li>Metadata of a package's {@code info/}: {@link io.terrarium.conda.pkg.IndexJson},
 *       {@link io.terrarium.conda.pkg.PathsJson} / {@link io.terrarium.conda.pkg.PathEntry} (also from the legacy
 *       {@code files}/{@code has_prefix}/{@code no_link}), {@link io.terrarium.conda.pkg.LinkJson}, all three read
 *       from an extracted directory by {@link io.terrarium.conda.pkg.PackageInfo}.</li>
 *   <li>Reading archives ({@code .tar.bz2}, {@code .conda}) by streaming: {@link io.terrarium.conda.pkg.PackageArchive},
 *       with every tar going through {@link io.terrarium.conda.pkg.TarExtractor}, which refuses hostile entries
 *       ({@link io.terrarium.conda.pkg.UnsafePackageException}) within {@link io.terrarium.conda.pkg.ExtractionLimits}.</li>
 *   <li>Writing archives and channels: {@link io.terrarium.conda.pkg.PackageWriter},
 *       {@link io.terrarium.conda.pkg.ChannelIndexer}.</li>
 *   <li>The shared, multi-process package cache: {@link io.terrarium.conda.pkg.PackageCache} (entries keyed by
 *       content, the order of the steps), {@code CacheLock} (in-JVM plus file lock per entry),
 *       {@code PackageDownloader} (verified downloads with retries), {@code PackageExtractor} (validated extraction,
 *       {@code info/repodata_record.json} markers via {@link io.terrarium.conda.pkg.RepodataRecordJson}).</li>
 * </ul>
 */
package io.terrarium.conda.pkg;
