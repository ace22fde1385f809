/**
 * MicroProfile Health checks the runtime publishes at {@code /health/live} and {@code /health/ready}: the server
 * answers, and it can reach its database and broker and write to a store with enough free space.
 */
package io.terrarium.interfaces.health;
