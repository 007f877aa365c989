package dev.inferplan.platform.json;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import dev.inferplan.platform.problem.Problem.FieldError;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;

/**
 * Checks a parsed JSON document against the Java type JSON-B will bind it to, before binding, because
 * Yasson converts silently: {@code 4294967297} into an {@code int} becomes 1, {@code 1e309} into a
 * {@code long} 0, {@code "true"} a boolean, {@code 1.5} an integer 1. Here a number must fit its field
 * exactly, an integer field takes no fraction, a boolean only {@code true}/{@code false}, a string field
 * only a string, an enum only one of its names; each mismatch is named by its path
 * ({@code sweep.batchSizes[0]}). Properties the type does not have are left to JSON-B (ignored).
 */
public final class JsonShape {

    /** Beyond these a decimal is refused: no field here needs them, and {@code 1e999999999} must not reach arithmetic. */
    static final int MAX_DECIMAL_DIGITS = 100;

    private static final int MAX_ERRORS = 20;
    private static final Map<Class<?>, Map<String, Type>> PROPERTIES = new ConcurrentHashMap<>();

    private final List<FieldError> errors = new ArrayList<>();

    private JsonShape() {
    }

    /** What in {@code value} does not fit {@code type}, each naming its path; empty when it fits. */
    public static List<FieldError> mismatches(JsonValue value, Type type) {
        JsonShape shape = new JsonShape();
        shape.check(value, type, "");
        return List.copyOf(shape.errors);
    }

    private void check(JsonValue value, Type type, String path) {
        if (errors.size() >= MAX_ERRORS) {
            return;
        }
        Class<?> raw = rawClass(type);
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (raw.isPrimitive()) {
                fail(path, "must not be null");
            }
            return;
        }
        if (raw == Object.class || raw == JsonValue.class) {
            return;
        }
        if (JsonValue.class.isAssignableFrom(raw)) {
            if (!raw.isInstance(value)) {
                fail(path, "must be " + (JsonArray.class.isAssignableFrom(raw) ? "an array"
                        : JsonObject.class.isAssignableFrom(raw) ? "an object"
                        : JsonNumber.class.isAssignableFrom(raw) ? "a number" : "a string"));
            }
            return;
        }
        JsonbTypeAdapter adapter = raw.getAnnotation(JsonbTypeAdapter.class);
        if (adapter != null) {
            check(value, adaptedType(adapter.value()), path);
            return;
        }
        if (raw.isAnnotationPresent(JsonbTypeDeserializer.class)) {
            return;   // its own deserializer decides
        }
        if (raw == String.class || raw == char.class || raw == Character.class) {
            String text = string(value, path);
            if (text != null && raw != String.class && text.length() != 1) {
                fail(path, "must be a single character");
            }
        } else if (raw == boolean.class || raw == Boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                fail(path, "must be true or false");
            }
        } else if (isInteger(raw)) {
            integer(value, raw, path);
        } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
            floating(value, raw == float.class || raw == Float.class, path);
        } else if (raw == BigDecimal.class || raw == Number.class) {
            decimal(value, path);
        } else if (raw == OptionalInt.class) {
            integer(value, int.class, path);
        } else if (raw == OptionalLong.class) {
            integer(value, long.class, path);
        } else if (raw == OptionalDouble.class) {
            floating(value, false, path);
        } else if (raw == Optional.class) {
            check(value, typeArgument(type, 0), path);
        } else if (raw.isEnum()) {
            String name = string(value, path);
            if (name != null && Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).noneMatch(name::equals)) {
                fail(path, "must be one of " + Arrays.toString(raw.getEnumConstants()));
            }
        } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            Type element = raw.isArray() ? componentType(type, raw) : typeArgument(type, 0);
            if (value instanceof JsonArray array) {
                for (int i = 0; i < array.size(); i++) {
                    check(array.get(i), element, path + "[" + i + "]");
                }
            } else {
                fail(path, "must be an array");
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (value instanceof JsonObject object) {
                Type valueType = typeArgument(type, 1);
                object.forEach((key, member) -> check(member, valueType, join(path, key)));
            } else {
                fail(path, "must be an object");
            }
        } else if (isScalarText(raw)) {
            string(value, path);
        } else if (raw.isRecord() || isBean(raw)) {
            if (value instanceof JsonObject object) {
                properties(raw).forEach((name, propertyType) -> {
                    JsonValue member = object.get(name);
                    if (member != null) {
                        check(member, propertyType, join(path, name));
                    }
                });
            } else {
                fail(path, "must be an object");
            }
        }
        // interfaces and abstract types other than the above: JSON-B decides
    }

    private String string(JsonValue value, String path) {
        if (value instanceof JsonString text) {
            return text.getString();
        }
        fail(path, "must be a string");
        return null;
    }

    private void integer(JsonValue value, Class<?> raw, String path) {
        if (!(value instanceof JsonNumber number)) {
            fail(path, "must be a whole number");
            return;
        }
        BigDecimal decimal = number.bigDecimalValue();
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            fail(path, "must be a whole number, not a fraction");
            return;
        }
        BigDecimal[] range = range(raw);
        if (decimal.compareTo(range[0]) < 0 || decimal.compareTo(range[1]) > 0) {
            fail(path, "must be a whole number from " + range[0].toPlainString() + " to " + range[1].toPlainString());
        }
    }

    private void floating(JsonValue value, boolean single, String path) {
        if (!(value instanceof JsonNumber number)) {
            fail(path, "must be a number");
            return;
        }
        BigDecimal decimal = number.bigDecimalValue();
        double converted = single ? decimal.floatValue() : decimal.doubleValue();
        if (Double.isInfinite(converted)) {
            fail(path, "must be a number within ±" + (single ? Float.MAX_VALUE : Double.MAX_VALUE));
        }
    }

    private void decimal(JsonValue value, String path) {
        if (!(value instanceof JsonNumber number)) {
            fail(path, "must be a number");
            return;
        }
        BigDecimal decimal = number.bigDecimalValue();
        if (decimal.signum() != 0 && (decimal.precision() - decimal.scale() > MAX_DECIMAL_DIGITS
                || decimal.stripTrailingZeros().scale() > MAX_DECIMAL_DIGITS)) {
            fail(path, "must be a number with at most " + MAX_DECIMAL_DIGITS + " digits before and after the point");
        }
    }

    private void fail(String path, String reason) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(FieldError.field(path.isEmpty() ? "$" : path, reason));
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static boolean isInteger(Class<?> raw) {
        return raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class
                || raw == short.class || raw == Short.class || raw == byte.class || raw == Byte.class
                || raw == BigInteger.class;
    }

    private static BigDecimal[] range(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return new BigDecimal[] {BigDecimal.valueOf(Integer.MIN_VALUE), BigDecimal.valueOf(Integer.MAX_VALUE)};
        }
        if (raw == short.class || raw == Short.class) {
            return new BigDecimal[] {BigDecimal.valueOf(Short.MIN_VALUE), BigDecimal.valueOf(Short.MAX_VALUE)};
        }
        if (raw == byte.class || raw == Byte.class) {
            return new BigDecimal[] {BigDecimal.valueOf(Byte.MIN_VALUE), BigDecimal.valueOf(Byte.MAX_VALUE)};
        }
        if (raw == BigInteger.class) {
            BigDecimal bound = BigDecimal.TEN.pow(MAX_DECIMAL_DIGITS);
            return new BigDecimal[] {bound.negate(), bound};
        }
        return new BigDecimal[] {BigDecimal.valueOf(Long.MIN_VALUE), BigDecimal.valueOf(Long.MAX_VALUE)};
    }

    /** Types JSON-B reads from a JSON string (dates, times, identifiers, locations). */
    private static boolean isScalarText(Class<?> raw) {
        String pkg = raw.getPackageName();
        return pkg.equals("java.time") || raw == java.util.UUID.class || raw == java.net.URI.class
                || raw == java.net.URL.class || raw == java.util.Date.class || raw == java.util.Calendar.class
                || raw == java.util.Currency.class || raw == java.util.Locale.class;
    }

    private static boolean isBean(Class<?> raw) {
        return !raw.isInterface() && !Modifier.isAbstract(raw.getModifiers()) && !raw.isPrimitive()
                && !raw.getPackageName().startsWith("java.");
    }

    /** The JSON property names of a record or bean and their Java types (JSON-B's defaults and annotations). */
    private static Map<String, Type> properties(Class<?> raw) {
        return PROPERTIES.computeIfAbsent(raw, type -> {
            Map<String, Type> properties = new LinkedHashMap<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (!transientProperty(component, component.getAccessor(), field(type, component.getName()))) {
                        properties.put(jsonName(component.getName(), component, component.getAccessor(),
                                field(type, component.getName())), component.getGenericType());
                    }
                }
                return properties;
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                if (constructor.isAnnotationPresent(JsonbCreator.class)) {
                    for (Parameter parameter : constructor.getParameters()) {
                        properties.put(jsonName(parameter.getName(), parameter), parameter.getParameterizedType());
                    }
                    return properties;
                }
            }
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()
                            && !field.isAnnotationPresent(JsonbTransient.class)) {
                        properties.putIfAbsent(jsonName(field.getName(), field), field.getGenericType());
                    }
                }
            }
            return properties;
        });
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static boolean transientProperty(AnnotatedElement... elements) {
        return Arrays.stream(elements).anyMatch(e -> e != null && e.isAnnotationPresent(JsonbTransient.class));
    }

    private static String jsonName(String javaName, AnnotatedElement... elements) {
        for (AnnotatedElement element : elements) {
            JsonbProperty property = element == null ? null : element.getAnnotation(JsonbProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        }
        return javaName;
    }

    private static Type adaptedType(Class<? extends JsonbAdapter> adapter) {
        for (Class<?> c = adapter; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == JsonbAdapter.class) {
                    return p.getActualTypeArguments()[1];
                }
            }
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Type componentType(Type type, Class<?> raw) {
        return type instanceof GenericArrayType array ? array.getGenericComponentType() : raw.getComponentType();
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (type instanceof GenericArrayType array) {
            return java.lang.reflect.Array.newInstance(rawClass(array.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType wildcard) {
            return rawClass(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> variable) {
            return rawClass(variable.getBounds()[0]);
        }
        return Object.class;
    }
}
