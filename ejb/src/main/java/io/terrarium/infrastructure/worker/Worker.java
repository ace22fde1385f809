package io.terrarium.infrastructure.worker;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One server process as the cluster sees it: a row per start (a fresh UUID each time), with where it runs, what it
 * does and the heartbeat that holds its lease. Builds name the worker that runs them.
 */
@Entity
@Table(name = "TERRARIUM_WORKER")
public class Worker {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "NAME", nullable = false, length = 255)
    private String name;

    @Column(name = "HOST", nullable = false, length = 255)
    private String host;

    @Column(name = "PID", nullable = false)
    private long pid;

    @Column(name = "HTTP_PORT", nullable = false)
    private int port;

    /** Comma-separated roles, {@code api} and/or {@code worker}. */
    @Column(name = "ROLES", nullable = false, length = 64)
    private String roles;

    @Column(name = "CAPACITY", nullable = false)
    private int capacity;

    @Column(name = "STARTED_ON", nullable = false)
    private LocalDateTime startedOn;

    @Column(name = "LAST_HEARTBEAT", nullable = false)
    private LocalDateTime lastHeartbeat;

    /** Set when the process shut down cleanly: its lease ends at once. */
    @Column(name = "STOPPED_ON")
    private LocalDateTime stoppedOn;

    protected Worker() {}

    public Worker(
            String id,
            String name,
            String host,
            long pid,
            int port,
            List<String> roles,
            int capacity,
            LocalDateTime now) {
        this.id = id;
        this.name = name;
        this.host = host;
        this.pid = pid;
        this.port = port;
        this.roles = String.join(",", roles);
        this.capacity = capacity;
        this.startedOn = now;
        this.lastHeartbeat = now;
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getHost() {
        return host;
    }

    public long getPid() {
        return pid;
    }

    public int getPort() {
        return port;
    }

    public List<String> getRoles() {
        return Arrays.stream(roles.split(",")).filter(s -> !s.isBlank()).toList();
    }

    public int getCapacity() {
        return capacity;
    }

    public LocalDateTime getStartedOn() {
        return startedOn;
    }

    public LocalDateTime getLastHeartbeat() {
        return lastHeartbeat;
    }

    public LocalDateTime getStoppedOn() {
        return stoppedOn;
    }

    public void heartbeat(LocalDateTime now) {
        this.lastHeartbeat = now;
    }

    public void stop(LocalDateTime now) {
        this.stoppedOn = now;
    }

    /** @return {@code name (id)}, how build logs name a worker */
    public String label() {
        return name + " (" + id + ")";
    }
}
