package dev.inferplan.catalog.audit;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit log has no path that changes an entry: not in its repository, its entity, or its resource. */
class AuditLogSurfaceTest {

    @Test
    void theRepositoryOnlyAppendsAndReads() {
        assertEquals(Set.of("append", "appendAll", "find", "count"), publicMethods(AuditLog.class));
    }

    @Test
    void theEntityHasNoMutator() {
        for (Method method : AuditEntry.class.getDeclaredMethods()) {
            if (Modifier.isPublic(method.getModifiers())) {
                assertEquals(0, method.getParameterCount(), method + " could change an entry");
            }
        }
        assertTrue(Arrays.stream(AuditEntry.class.getDeclaredConstructors()).noneMatch(c -> Modifier.isPublic(c.getModifiers())));
    }

    @Test
    void theResourceOnlyReads() {
        for (Method method : AuditResource.class.getDeclaredMethods()) {
            for (Class<? extends java.lang.annotation.Annotation> write : java.util.List.of(POST.class, PUT.class,
                    PATCH.class, DELETE.class)) {
                assertTrue(method.getAnnotation(write) == null, method + " is a write endpoint");
            }
        }
        assertEquals(1, Arrays.stream(AuditResource.class.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(GET.class)).count());
    }

    private static Set<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
