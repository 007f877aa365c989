package dev.inferplan.pricing.fx;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@ApplicationScoped
public class FxRateRepository {

    @PersistenceContext(unitName = "pricing")
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
