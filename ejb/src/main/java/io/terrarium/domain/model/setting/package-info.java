/**
 * The stored setting entity: one value at one scope ({@code setting}, {@code setting/<namespace>},
 * {@code setting/<namespace>/<environment>}), as conda-store's key-value store keeps it. What the keys mean and how
 * scopes merge is {@code application.settings}'.
 */
package io.terrarium.domain.model.setting;
