package dev.inferplan.catalog.tasks;

import java.util.List;
import java.util.Optional;

import dev.inferplan.platform.persistence.SharedEntityManager;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@ApplicationScoped
public class TaskRepository {

    @Inject
    @SharedEntityManager
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
