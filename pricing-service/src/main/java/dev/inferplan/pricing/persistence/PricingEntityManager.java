package dev.inferplan.pricing.persistence;

import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The pricing's one container-managed entity manager, for every bean (see {@link SharedEntityManager}). */
@ApplicationScoped
class PricingEntityManager {

    @PersistenceContext(unitName = "pricing")
    private EntityManager entityManager;

    @Produces
    @ApplicationScoped
    @SharedEntityManager
    EntityManager shared() {
        return entityManager;
    }

    /**
     * EclipseLink logs in on first use. Inside a JTA transaction that login holds a connection of
     * its own until the transaction ends, so the first call would need two: log in now, after the
     * migrations and outside any transaction.
     */
    void logInAtStartup(@Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class)
                        Object ignored) {
        entityManager.createNativeQuery("SELECT 1").getSingleResult();
    }
}
