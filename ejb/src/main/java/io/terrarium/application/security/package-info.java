/**
 * Authorization: conda-store's permissions and the one service through which every permission check of the
 * application is made, on resources named by conda-store's ARNs ({@code ""}, {@code ns}, {@code ns/env}). Until
 * authentication lands every caller holds all permissions; services must still ask, so that adding it changes only
 * this package.
 */
package io.terrarium.application.security;
