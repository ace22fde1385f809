/**
 * The namespace entity (the folder of environments a team owns, unique by name, soft-deleted) and conda-store's
 * two kinds of namespace role mappings, which give the entities of one primary namespace roles elsewhere.
 */
package io.terrarium.domain.model.namespace;
