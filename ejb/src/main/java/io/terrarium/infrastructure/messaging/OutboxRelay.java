package io.terrarium.infrastructure.messaging;

import io.terrarium.infrastructure.persistence.DatabaseMigration;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes committed outbox rows to the build queue and deletes them: right after the queueing transaction
 * commits, and every few seconds for rows left behind by a crash or an unreachable broker.
 *
 * <p>The singleton's write lock serialises relays inside one server; a row sent but not yet deleted when the
 * server dies is sent again later, which the consumer tolerates.
 */
@Singleton
@DependsOn({DatabaseMigration.NAME, "MessageBroker"})
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int BATCH = 100;

    @PersistenceContext
    private EntityManager em;

    @EJB
    private MessageBroker broker;

    /** Relays pending rows on another thread, so the committing request does not wait for the broker. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void relaySoon() {
        relayBatch();
    }

    /** Safety net: relays rows whose after-commit relay never ran or failed. */
    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void relayLeftovers() {
        relayBatch();
    }

    private void relayBatch() {
        List<OutboxMessage> pending = em.createNamedQuery(OutboxMessage.PENDING, OutboxMessage.class)
                .setMaxResults(BATCH)
                .getResultList();
        if (pending.isEmpty()) {
            return;
        }
        try (JMSContext ctx = broker.connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue queue = ctx.createQueue(MessageBroker.BUILD_QUEUE);
            for (OutboxMessage m : pending) {
                jakarta.jms.JMSProducer producer = ctx.createProducer()
                        .setProperty(BuildMessages.BUILD_ID, m.getBuildId())
                        .setPriority(BuildMessages.priority(m.getAttempt(), m.getRestartExecutionId()));
                if (m.getAttempt() != null) {
                    producer.setProperty(BuildMessages.ATTEMPT, m.getAttempt().intValue());
                }
                if (m.getRestartExecutionId() != null) {
                    producer.setProperty(
                            BuildMessages.RESTART_EXECUTION,
                            m.getRestartExecutionId().longValue());
                }
                producer.send(queue, BuildMessages.encode(m.getBuildId()));
                em.remove(m);
            }
        } catch (JMSRuntimeException e) {
            // the rows removed so far were sent; the rest stay for the next relay
            LOG.log(Level.WARNING, "build queue unreachable, will retry: " + e.getMessage());
        }
    }
}
