package vn.checkin.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * Which database the service runs on, for the few statements written per database (upserts, planner settings).
 * The kind is fixed at build time; the answer is read once from Hibernate's dialect.
 */
@ApplicationScoped
public class DatabaseKind {

    private final EntityManagerFactory entityManagerFactory;
    private volatile Boolean postgres;

    DatabaseKind(EntityManagerFactory entityManagerFactory) {
        this.entityManagerFactory = entityManagerFactory;
    }

    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            known = entityManagerFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices()
                    .getDialect() instanceof PostgreSQLDialect;
            postgres = known;
        }
        return known;
    }
}
