package dev.inferplan.catalog.tasks;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

@ApplicationScoped
public class TaskRepository {

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    public List<Task> allByName() {
        return entityManager.createQuery("SELECT t FROM Task t ORDER BY t.name", Task.class).getResultList();
    }

    public Optional<Task> byName(String name) {
        return Optional.ofNullable(entityManager.find(Task.class, name));
    }

    public void add(Task task) {
        entityManager.persist(task);
        entityManager.flush();
    }
}
