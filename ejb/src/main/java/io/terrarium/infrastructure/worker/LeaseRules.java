package io.terrarium.infrastructure.worker;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * When a worker's lease holds: another worker counts it dead once its last heartbeat is older than the expiry
 * (or it stopped), and a worker trusts its own lease without asking the database only while its last successful
 * renewal is younger than the expiry minus one renewal interval (the margin a late renewal may need).
 *
 * @param renew  heartbeat interval
 * @param expiry age after which a heartbeat no longer holds the lease
 */
public record LeaseRules(Duration renew, Duration expiry) {

    public LeaseRules {
        Objects.requireNonNull(renew, "renew");
        Objects.requireNonNull(expiry, "expiry");
    }

    /** @return true when a worker with this heartbeat (and no stop time) still holds its lease at {@code now} */
    public boolean alive(LocalDateTime lastHeartbeat, LocalDateTime stoppedOn, LocalDateTime now) {
        return stoppedOn == null && lastHeartbeat != null && lastHeartbeat.isAfter(now.minus(expiry));
    }

    /** @return the oldest heartbeat that still holds a lease at {@code now} */
    public LocalDateTime oldestLiveHeartbeat(LocalDateTime now) {
        return now.minus(expiry);
    }

    /**
     * @param sinceLastRenewal time since this worker's last successful renewal, measured on its own monotonic clock
     * @return true when no other worker can have counted this one dead yet
     */
    public boolean ownLeaseSafe(Duration sinceLastRenewal) {
        return sinceLastRenewal.compareTo(expiry.minus(renew)) < 0;
    }
}
