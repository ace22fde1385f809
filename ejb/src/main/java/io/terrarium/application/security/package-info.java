/**
 * Authorization as conda-store has it: roles, ARN patterns and role bindings, the caller of a request, and the one
 * service through which every permission check of the application is made, on resources named by conda-store's
 * ARNs ({@code ""}, {@code ns}, {@code ns/env}).
 */
package io.terrarium.application.security;
