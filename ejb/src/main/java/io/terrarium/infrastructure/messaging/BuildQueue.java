package io.terrarium.infrastructure.messaging;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSContext;
import jakarta.jms.QueueBrowser;
import java.util.Enumeration;

/**
 * Looks into the build queue without consuming it: a QUEUED build whose message still waits there (behind other
 * builds, for a worker with free capacity) is not lost and must not be sent again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class BuildQueue {

    @EJB
    private MessageBroker broker;

    /** @return true when a message for the build waits in {@link MessageBroker#BUILD_QUEUE} */
    public boolean holdsMessageFor(long buildId) {
        try (JMSContext ctx = broker.connectionFactory().createContext(JMSContext.AUTO_ACKNOWLEDGE);
                QueueBrowser browser = ctx.createBrowser(
                        ctx.createQueue(MessageBroker.BUILD_QUEUE), BuildMessages.BUILD_ID + " = " + buildId)) {
            Enumeration<?> messages = browser.getEnumeration();
            return messages.hasMoreElements();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException("cannot browse the build queue: " + e.getMessage(), e);
        }
    }
}
