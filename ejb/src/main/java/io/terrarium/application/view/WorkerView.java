package io.terrarium.application.view;

import java.time.LocalDateTime;
import java.util.List;

/** Read model of a worker (one server process start) for {@code GET /api/v1/worker/}. */
public record WorkerView(
        String id,
        String name,
        String host,
        long pid,
        int port,
        List<String> roles,
        int capacity,
        LocalDateTime startedOn,
        LocalDateTime lastHeartbeat,
        boolean alive,
        List<Long> runningBuilds) {}
