/**
 * The store on disk, laid out exactly as conda-store lays it out: build keys (versions 1 to 3), the prefix,
 * environment symlink and artifact paths of a build, and the file operations on them (atomic symlink swap, deletion
 * confined to the store). Other layers ask it for paths rather than build them.
 */
package io.terrarium.infrastructure.store;
