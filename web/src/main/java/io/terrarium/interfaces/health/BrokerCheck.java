package io.terrarium.interfaces.health;

import io.terrarium.infrastructure.messaging.MessageBroker;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the JMS broker carrying the build queue (embedded or external) accepts a connection. */
@Readiness
@ApplicationScoped
public class BrokerCheck implements HealthCheck {

    @EJB
    MessageBroker broker;

    @Inject
    Probe probe;

    @Override
    public HealthCheckResponse call() {
        return probe.check("broker", response -> {
            long start = System.nanoTime();
            try (JMSContext context = broker.connectionFactory().createContext()) {
                context.start();
            }
            response.withData("millis", (System.nanoTime() - start) / 1_000_000);
            return true;
        });
    }
}
