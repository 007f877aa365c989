package dev.inferplan.platform.persistence;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.inject.Qualifier;

/**
 * The service's one container-managed {@code EntityManager}, which every bean injects instead of
 * declaring a {@code @PersistenceContext} of its own (ADR 0008).
 *
 * <p>Helidon 4.1.6 produces the entity manager behind a {@code @PersistenceContext} once per
 * thread that creates a bean, and a JTA transaction holds one persistence context, on one pooled
 * connection, per such instance. Two beans first used on different threads therefore wrote one
 * transaction's changes on two connections: a job's lease on one and its audit entry on another,
 * which do not see each other's rows and commit one after the other. Each service has one producer
 * of this qualifier, the only {@code @PersistenceContext} in its code.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface SharedEntityManager {
}
