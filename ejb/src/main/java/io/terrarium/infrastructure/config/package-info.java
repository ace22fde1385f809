/**
 * Deployment configuration: the server's settings read from MicroProfile Config, how a channel written in a
 * specification becomes a URL the engine reads, and the demo channel created under the store on startup so a first
 * build works offline.
 */
package io.terrarium.infrastructure.config;
