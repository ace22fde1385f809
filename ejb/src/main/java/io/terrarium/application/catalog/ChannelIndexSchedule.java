package io.terrarium.application.catalog;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs the {@link ChannelIndexer} on every worker soon after startup ({@value #DELAY}, default 5 s), then every
 * {@value #INTERVAL} (default one hour); the indexer's lock makes all but one of the workers skip a round.
 */
@Singleton
@Startup
@DependsOn("DemoChannelInstaller")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChannelIndexSchedule {

    private static final Logger LOG = Logger.getLogger(ChannelIndexSchedule.class.getName());

    static final String INTERVAL = "terrarium.catalog.index-interval-seconds";
    static final String DELAY = "terrarium.catalog.index-delay-seconds";

    @Resource
    private TimerService timers;

    @EJB
    private ChannelIndexer indexer;

    private final AtomicBoolean running = new AtomicBoolean();

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(
                seconds(DELAY, 5).toMillis(),
                seconds(INTERVAL, 3600).toMillis(),
                new TimerConfig("channel index", false));
    }

    @Timeout
    void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            ChannelIndexer.Outcome outcome = indexer.indexAll();
            if (!outcome.ran()) {
                LOG.fine("channel index: another worker is indexing; skipped this round");
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "channel index: failed, will retry in "
                    + seconds(INTERVAL, 3600).toSeconds() + " s: " + e.getMessage());
        } finally {
            running.set(false);
        }
    }

    static Duration seconds(String key, long fallback) {
        long value = ConfigProvider.getConfig(ChannelIndexSchedule.class.getClassLoader())
                .getOptionalValue(key, Long.class)
                .orElse(fallback);
        if (value < 1) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number of at least 1");
        }
        return Duration.ofSeconds(value);
    }
}
