package dev.inferplan.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import jakarta.persistence.PersistenceContext;

/**
 * The classes of a service that declare a {@code @PersistenceContext} field. Only the service's
 * producer of {@code SharedEntityManager} may (ADR 0008): a bean with one of its own gets the
 * entity manager of the thread that first used it, and writes its part of a transaction on a
 * connection of its own.
 */
public final class PersistenceContexts {

    private PersistenceContexts() {
    }

    /** Every class compiled alongside {@code producer} (its classes directory) with such a field. */
    public static List<Class<?>> declaredAlongside(Class<?> producer) {
        Path classes;
        try {
            classes = Path.of(producer.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> classes.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", ""))
                    .<Class<?>>map(name -> load(name, producer.getClassLoader()))
                    .filter(type -> Arrays.stream(type.getDeclaredFields()).anyMatch(PersistenceContexts::declares))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean declares(Field field) {
        return field.isAnnotationPresent(PersistenceContext.class);
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
