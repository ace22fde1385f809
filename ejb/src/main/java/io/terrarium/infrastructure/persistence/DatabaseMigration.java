package io.terrarium.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;

/**
 * Migrates the application schema once at deployment, before anything else touches the database: every other
 * startup bean that uses the database names this one in {@code @DependsOn}, and a failed migration fails the
 * deployment instead of letting the server run on a schema it does not expect.
 */
@Singleton
@Startup
// Flyway commits its own work on its own connections; a container transaction around it would enlist them
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DatabaseMigration {

    /** The bean name other startup beans put in {@code @DependsOn}. */
    public static final String NAME = "DatabaseMigration";

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        new SchemaMigrator(dataSource).migrate();
    }
}
