package io.terrarium.infrastructure.worker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The worker and lease settings of this server process (issue 9 contract), read from MicroProfile Config: name,
 * API port, lease renewal and expiry, sweep interval, build attempts and the queued timeout.
 */
public final class WorkerSettings {

    public static final String NAME = "terrarium.worker.name";
    public static final String HTTP_PORT = "terrarium.http.port";
    public static final String LEASE_RENEW = "terrarium.worker.lease-renew-seconds";
    public static final String LEASE_EXPIRY = "terrarium.worker.lease-expiry-seconds";
    public static final String SWEEP = "terrarium.worker.sweep-seconds";
    public static final String MAX_ATTEMPTS = "terrarium.build.max-attempts";
    public static final String QUEUED_TIMEOUT = "terrarium.build.queued-timeout-seconds";

    private WorkerSettings() {}

    private static Config config() {
        return ConfigProvider.getConfig(WorkerSettings.class.getClassLoader());
    }

    private static Optional<String> text(String key) {
        return config().getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static int positive(String key, int fallback) {
        Optional<String> raw = text(key);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.get());
            if (value <= 0) {
                throw new IllegalArgumentException(key + " must be a positive integer, not " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a positive integer, not '" + raw.get() + "'", e);
        }
    }

    /** @return this worker's name, by default the host name */
    public static String name() {
        return text(NAME).orElseGet(WorkerSettings::hostName);
    }

    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }

    public static int httpPort() {
        return positive(HTTP_PORT, 8080);
    }

    public static Duration leaseRenew() {
        return Duration.ofSeconds(positive(LEASE_RENEW, 10));
    }

    public static Duration leaseExpiry() {
        return Duration.ofSeconds(positive(LEASE_EXPIRY, 30));
    }

    public static Duration sweepInterval() {
        return Duration.ofSeconds(positive(SWEEP, 10));
    }

    public static int maxAttempts() {
        return positive(MAX_ATTEMPTS, 3);
    }

    public static Duration queuedTimeout() {
        return Duration.ofSeconds(positive(QUEUED_TIMEOUT, 300));
    }

    /** @return the lease rules these settings define */
    public static LeaseRules leaseRules() {
        return new LeaseRules(leaseRenew(), leaseExpiry());
    }
}
