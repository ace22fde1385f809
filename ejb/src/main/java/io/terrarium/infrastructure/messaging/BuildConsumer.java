package io.terrarium.infrastructure.messaging;

import io.terrarium.infrastructure.batch.BuildJobs;
import io.terrarium.infrastructure.config.TerrariumConfig;
import io.terrarium.infrastructure.persistence.DatabaseMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TransactionRolledBackRuntimeException;
import java.util.EnumSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives build ids from the build queue and hands each to the {@link BuildLauncher}, acknowledging the
 * message only once the launcher has returned (transacted session: a crash before that redelivers it).
 *
 * <p>A worker takes a message only when one of its {@link TerrariumConfig#workerConcurrency() build slots} is free,
 * and the slot stays taken until the job execution it launched has ended, so the builds it cannot run yet stay in
 * the queue for any worker (the connection factory prefetches nothing). A process without the {@code worker} role
 * does not consume at all. A plain consumer loop on a managed thread rather than an MDB, so the WAR runs on Payara
 * Micro without a resource adapter; it reconnects, backing off, while the broker is unreachable.
 */
@Singleton
@Startup
@DependsOn({DatabaseMigration.NAME, "MessageBroker", "OutboxRelay"})
public class BuildConsumer {

    private static final Logger LOG = Logger.getLogger(BuildConsumer.class.getName());
    private static final long RECEIVE_TIMEOUT_MS = 1000;
    private static final long SLOT_POLL_MS = 1000;
    private static final long FIRST_RETRY_MS = 1000;
    private static final long MAX_RETRY_MS = 30_000;
    private static final Set<BatchStatus> ENDED =
            EnumSet.of(BatchStatus.COMPLETED, BatchStatus.FAILED, BatchStatus.STOPPED, BatchStatus.ABANDONED);

    @EJB
    private MessageBroker broker;

    @EJB
    private BuildLauncher launcher;

    @EJB
    private BuildJobs jobs;

    @Inject
    TerrariumConfig config;

    @Resource
    private ManagedExecutorService executor;

    private volatile boolean running;
    private Future<?> loop;
    private BuildSlots slots;

    @PostConstruct
    void start() {
        if (!config.runsBuilds()) {
            LOG.info(() -> "roles " + config.workerRoles() + ": this process runs no builds");
            return;
        }
        slots = new BuildSlots(
                config.workerConcurrency(),
                id -> jobs.status(id).map(ENDED::contains).orElse(true));
        LOG.info(() -> "build queue consumer: up to " + slots.capacity() + " builds at once");
        running = true;
        loop = executor.submit(this::consume);
    }

    @PreDestroy
    void stop() {
        running = false;
        if (loop != null) {
            loop.cancel(true);
        }
    }

    private void consume() {
        long retryMs = FIRST_RETRY_MS;
        while (running) {
            try (JMSContext ctx = broker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED);
                    JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(MessageBroker.BUILD_QUEUE))) {
                retryMs = FIRST_RETRY_MS;
                while (running) {
                    if (!slots.free()) {
                        pause(SLOT_POLL_MS);
                        continue;
                    }
                    Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                    if (message != null) {
                        handle(ctx, message);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warning("build queue consumer lost its connection (" + e + "), reconnecting in " + retryMs + " ms");
                pause(retryMs);
                retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
            }
        }
    }

    private void handle(JMSContext ctx, Message message) {
        BuildMessages.BuildOrder order;
        try {
            order = BuildMessages.decode(message);
        } catch (Exception e) {
            LOG.warning(() -> "dropping an unreadable build message: " + e.getMessage());
            ctx.commit();
            return;
        }
        OptionalLong execution;
        try {
            execution = launcher.launch(order);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "build " + order.buildId() + ": could not start its job, message will be redelivered",
                    e);
            ctx.rollback();
            pause(FIRST_RETRY_MS);
            return;
        }
        execution.ifPresent(slots::hold);
        try {
            ctx.commit();
        } catch (TransactionRolledBackRuntimeException e) {
            // the client reconnected to a restarted broker, which forgot this delivery: the message comes again
            // and the launcher skips the build it has already started
            LOG.info(() -> "build " + order.buildId() + ": the broker reconnected before the acknowledgement; "
                    + "the message will be delivered again");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
