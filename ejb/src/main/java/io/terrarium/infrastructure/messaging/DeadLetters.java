package io.terrarium.infrastructure.messaging;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * Reads the dead-letter queue ({@link MessageBroker#DEAD_LETTERS}), where the broker parks build messages no worker
 * could run after many deliveries, and hands each build id to the sweeper, which sends the build again or fails it.
 * A message is acknowledged only after its build was handled.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());
    private static final int MAX_PER_SWEEP = 100;

    @EJB
    private MessageBroker broker;

    /** Hands every dead-lettered build id (up to a batch) to {@code handler}. */
    public void drain(LongConsumer handler) {
        try (JMSContext ctx = broker.connectionFactory().createContext(JMSContext.SESSION_TRANSACTED);
                JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(MessageBroker.DEAD_LETTERS))) {
            for (int i = 0; i < MAX_PER_SWEEP; i++) {
                Message m = consumer.receiveNoWait();
                if (m == null) {
                    return;
                }
                long buildId;
                try {
                    buildId = BuildMessages.decode(m).buildId();
                } catch (IllegalArgumentException e) {
                    LOG.warning(() -> "dropping an unreadable dead-lettered message: " + e.getMessage());
                    ctx.commit();
                    continue;
                }
                LOG.info(() -> "build " + buildId + ": its message was dead-lettered; handing it to the sweeper");
                handler.accept(buildId);
                ctx.commit();
            }
        }
    }
}
