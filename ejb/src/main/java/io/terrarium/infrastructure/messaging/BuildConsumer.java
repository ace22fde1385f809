package io.terrarium.infrastructure.messaging;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives build ids from the build queue and hands each to the {@link BuildLauncher}, acknowledging the
 * message only once the launcher has returned (transacted session: a crash before that redelivers it).
 *
 * <p>A plain consumer loop on a managed thread rather than an MDB, so the WAR runs on Payara Micro without a
 * resource adapter; it reconnects while the broker is unreachable.
 */
@Singleton
@Startup
@DependsOn({"MessageBroker", "OutboxRelay"})
public class BuildConsumer {

    private static final Logger LOG = Logger.getLogger(BuildConsumer.class.getName());
    private static final long RECEIVE_TIMEOUT_MS = 1000;
    private static final long RECONNECT_DELAY_MS = 2000;

    @EJB
    private MessageBroker broker;

    @EJB
    private BuildLauncher launcher;

    @Resource
    private ManagedExecutorService executor;

    private volatile boolean running;
    private Future<?> loop;

    @PostConstruct
    void start() {
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
        while (running) {
            try (JMSContext ctx = broker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED);
                 JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(MessageBroker.BUILD_QUEUE))) {
                while (running) {
                    Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                    if (message != null) {
                        handle(ctx, message);
                    }
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "build queue consumer lost its connection, reconnecting: " + e.getMessage());
                sleep();
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
        try {
            launcher.launch(order);
            ctx.commit();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "build " + order.buildId() + ": could not start its job, message will be redelivered", e);
            ctx.rollback();
            sleep();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RECONNECT_DELAY_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
