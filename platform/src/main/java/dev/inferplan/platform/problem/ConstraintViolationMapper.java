package dev.inferplan.platform.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The answer to a request that breaks a rule its resource method declares (Jakarta Bean Validation on
 * a request record or a query parameter; ADR 0025): one problem naming every field at fault as the
 * client wrote it: the JSON name ({@code budget.monthlyUsd}) or the query parameter ({@code limit}),
 * never the Java path ({@code list.arg0}). The errors come in the order the fields are declared.
 *
 * <p>A rule broken in the body answers 422 ({@code validation}); one broken in a parameter 400
 * ({@code bad-request}); a request record annotated {@link RejectedAs} answers as it says.
 */
@Provider
@ApplicationScoped
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Context
    private UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        Problem problem = toProblem(exception, ProblemResponseFilter.instance(uriInfo));
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Problem toProblem(ConstraintViolationException exception, URI instance) {
        Set<ConstraintViolation<?>> violations = exception.getConstraintViolations() == null ? Set.of()
                : exception.getConstraintViolations();
        List<Located> located = violations.stream().map(Located::of)
                .sorted(Comparator.comparing(Located::order, ConstraintViolationMapper::compareOrder)
                        .thenComparing(Located::field).thenComparing(Located::reason))
                .toList();
        // a value can break two rules with one reason (blank and too long): said once
        Set<Problem.FieldError> errors = new LinkedHashSet<>();
        located.forEach(l -> errors.add(Problem.FieldError.field(l.field(), l.reason())));
        Optional<RejectedAs> declared = located.stream().map(Located::rejectedAs).flatMap(Optional::stream).findFirst();
        if (declared.isPresent()) {
            RejectedAs as = declared.get();
            return problem(as.status(), as.type(), as.title(), as.detail(), instance, errors);
        }
        if (located.stream().allMatch(Located::inBody)) {
            return problem(422, "validation", "Unprocessable content", "The request is not valid.", instance, errors);
        }
        return problem(400, "bad-request", "Bad request", "A request parameter is not valid.", instance, errors);
    }

    private static Problem problem(int status, String type, String title, String detail, URI instance,
                                   Set<Problem.FieldError> errors) {
        return new Problem(URI.create(Problem.TYPE_BASE + type), title, status, detail, instance, List.copyOf(errors));
    }

    private static int compareOrder(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /**
     * One violation as the client sees it: the field's name, where it is declared (parameter index,
     * then component index at each level, for the order), and whether it was in the body.
     */
    private record Located(String field, String reason, List<Integer> order, boolean inBody,
                           Optional<RejectedAs> rejectedAs) {

        static Located of(ConstraintViolation<?> violation) {
            List<String> names = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            boolean inBody = true;
            boolean executable = false;
            Method method = null;
            Class<?> current = violation.getRootBeanClass();
            Optional<RejectedAs> rejectedAs = Optional.empty();
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.METHOD) {
                    executable = true;
                    method = method(violation.getRootBeanClass(), node.as(Path.MethodNode.class));
                } else if (node.getKind() == ElementKind.PARAMETER) {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    order.add(index);
                    Optional<String> parameter = method == null ? Optional.empty()
                            : requestParameter(method.getParameterAnnotations()[index]);
                    if (parameter.isPresent()) {
                        inBody = false;
                        names.add(parameter.get());
                        current = null;
                    } else {
                        // the body: its fields are named from its root, as the client wrote them
                        current = method == null ? null : method.getParameterTypes()[index];
                        rejectedAs = current == null ? Optional.empty()
                                : Optional.ofNullable(current.getAnnotation(RejectedAs.class));
                    }
                } else if (node.getKind() == ElementKind.PROPERTY) {
                    String name = node.getName();
                    Field element = member(current, name);
                    order.add(position(current, name));
                    JsonbProperty json = element == null ? null : element.getAnnotation(JsonbProperty.class);
                    names.add(json != null && !json.value().isEmpty() ? json.value() : name);
                    current = element == null ? null : elementType(element);
                }
                // a list's element (List<@Min(1) Integer>) is reported on the list, as the client names it
            }
            if (!executable) {
                // the record validated on its own (Validator.validate), not as a resource method's parameter
                rejectedAs = Optional.ofNullable(violation.getRootBeanClass().getAnnotation(RejectedAs.class));
            }
            return new Located(names.isEmpty() ? "$" : String.join(".", names), violation.getMessage(), order,
                    inBody, rejectedAs);
        }

        private static Method method(Class<?> type, Path.MethodNode node) {
            Class<?>[] parameters = node.getParameterTypes().toArray(Class<?>[]::new);
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    return c.getDeclaredMethod(node.getName(), parameters);
                } catch (NoSuchMethodException e) {
                    // declared higher up (a CDI proxy subclasses the resource)
                }
            }
            return null;
        }

        private static Optional<String> requestParameter(Annotation[] annotations) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    return Optional.of(q.value());
                } else if (a instanceof PathParam p) {
                    return Optional.of(p.value());
                } else if (a instanceof HeaderParam h) {
                    return Optional.of(h.value());
                } else if (a instanceof FormParam f) {
                    return Optional.of(f.value());
                } else if (a instanceof CookieParam c) {
                    return Optional.of(c.value());
                } else if (a instanceof MatrixParam m) {
                    return Optional.of(m.value());
                }
            }
            return Optional.empty();
        }

        /**
         * The field that holds {@code name} (a record's too: a component's {@code @JsonbProperty} lands on
         * its field, not on the component); null when not found.
         */
        private static Field member(Class<?> type, String name) {
            if (type == null) {
                return null;
            }
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                try {
                    return c.getDeclaredField(name);
                } catch (NoSuchFieldException e) {
                    // inherited
                }
            }
            return null;
        }

        private static int position(Class<?> type, String name) {
            if (type == null) {
                return Integer.MAX_VALUE;
            }
            List<String> names = type.isRecord()
                    ? Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList()
                    : Arrays.stream(type.getDeclaredFields()).map(Field::getName).toList();
            int index = names.indexOf(name);
            return index < 0 ? Integer.MAX_VALUE : index;
        }

        /** The type to descend into: a nested record's own type; a list's elements have no fields to name. */
        private static Class<?> elementType(Field field) {
            Type type = field.getGenericType();
            if (type instanceof Class<?> c) {
                return c;
            }
            return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw ? raw : null;
        }
    }
}
