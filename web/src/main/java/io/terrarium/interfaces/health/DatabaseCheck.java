package io.terrarium.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness: the default data source (the application's tables and the batch job repository) answers a query. */
@Readiness
@ApplicationScoped
public class DatabaseCheck implements HealthCheck {

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    Probe probe;

    @Override
    public HealthCheckResponse call() {
        return probe.check("database", response -> {
            long start = System.nanoTime();
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.setQueryTimeout((int) Probe.TIMEOUT.toSeconds());
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM build WHERE id = -1")) {
                    r.next();
                }
                response.withData("product", c.getMetaData().getDatabaseProductName());
            }
            response.withData("millis", (System.nanoTime() - start) / 1_000_000);
            return true;
        });
    }
}
