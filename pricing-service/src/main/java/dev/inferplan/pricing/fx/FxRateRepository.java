package dev.inferplan.pricing.fx;

import java.util.List;
import java.util.Optional;

import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@ApplicationScoped
public class FxRateRepository {

    @Inject
    @SharedEntityManager
    private EntityManager entityManager;

    public List<FxRate> allByCurrency() {
        return entityManager.createQuery("SELECT r FROM FxRate r ORDER BY r.currency", FxRate.class).getResultList();
    }

    public Optional<FxRate> byCurrency(String currency) {
        return Optional.ofNullable(entityManager.find(FxRate.class, currency));
    }

    public void add(FxRate rate) {
        entityManager.persist(rate);
    }
}
