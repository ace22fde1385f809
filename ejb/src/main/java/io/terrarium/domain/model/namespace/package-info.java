/**
 * The namespace entity: the folder of environments a team owns, unique by name, soft-deleted.
 */
package io.terrarium.domain.model.namespace;
