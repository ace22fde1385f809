/**
 * This server process as one worker of a cluster sharing a database, a broker and a store: its registration and
 * heartbeat lease ({@code TERRARIUM_WORKER}, a fresh id per start), the lease rules that tell a live worker from a
 * dead one, and the fencing of the builds it runs: each job execution holds its build at one attempt, and a watcher
 * revokes that hold as soon as the build is canceled, deleted or taken over, so a stale worker writes nothing more.
 * The sweeper that acts on dead workers lives in {@code application.build}; this package only knows leases.
 */
package io.terrarium.infrastructure.worker;
