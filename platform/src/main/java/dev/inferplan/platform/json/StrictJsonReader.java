package dev.inferplan.platform.json;

import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one reader of JSON request bodies in every service, ahead of Jersey's JSON-B and JSON-P readers:
 * {@link StrictJson} for the syntax (one UTF-8 document, no duplicate keys, nothing after it, a size
 * limit), {@link JsonShape} for the fit of every value to its Java field, then JSON-B to bind. A body
 * that fails any step is a 400 (413 when too large) problem naming the position or the field.
 */
@Provider
@ApplicationScoped
@Consumes({MediaType.APPLICATION_JSON, "application/*+json", "text/json"})
@Priority(Priorities.USER - 1000)
public class StrictJsonReader implements MessageBodyReader<Object> {

    /** Types Jersey reads from a JSON body as raw content; left to their own readers. */
    private static final List<Class<?>> RAW = List.of(InputStream.class, Reader.class, byte[].class, char[].class,
            File.class, String.class);

    private static final Pattern YASSON_PROPERTY = Pattern.compile("^Unable to deserialize property '([^']{1,100})'");

    private final long maxBytes;
    private final Jsonb defaultJsonb = JsonbBuilder.create();

    @Context
    private Providers providers;

    @Inject
    public StrictJsonReader(@ConfigProperty(name = "inferplan.json.max-bytes", defaultValue = "4194304") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** For CDI's proxy. */
    protected StrictJsonReader() {
        this.maxBytes = 4194304;
    }

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return RAW.stream().noneMatch(raw -> raw.isAssignableFrom(type));
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) {
        JsonValue value = StrictJson.read(body, maxBytes);
        List<FieldError> mismatches = JsonShape.mismatches(value, genericType == null ? type : genericType);
        if (!mismatches.isEmpty()) {
            throw new ProblemException(400, "malformed-json", "Malformed JSON",
                    "The request body has values that do not fit their fields.", mismatches);
        }
        if (JsonValue.class.isAssignableFrom(type)) {
            return value;
        }
        try {
            return jsonb(type, mediaType).fromJson(value.toString(), genericType == null ? type : genericType);
        } catch (JsonbException e) {
            throw unfit(e);
        }
    }

    /**
     * A value the shape check let through but JSON-B could not bind (a date that does not parse, a
     * record that refused its arguments): named by the properties in Yasson's messages, never quoting them.
     */
    static ProblemException unfit(JsonbException e) {
        List<String> path = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProblemException problem) {
                return problem;
            }
            Matcher property = YASSON_PROPERTY.matcher(String.valueOf(t.getMessage()));
            if (property.find() && (path.isEmpty() || !path.getLast().equals(property.group(1)))) {
                path.add(property.group(1));
            }
        }
        return new ProblemException(400, "malformed-json", "Malformed JSON",
                "The request body has a value its field cannot take.",
                List.of(FieldError.field(path.isEmpty() ? "$" : String.join(".", path), "cannot be read as this field's type")));
    }

    private Jsonb jsonb(Class<?> type, MediaType mediaType) {
        ContextResolver<Jsonb> resolver = providers == null ? null : providers.getContextResolver(Jsonb.class, mediaType);
        Jsonb configured = resolver == null ? null : resolver.getContext(type);
        return configured == null ? defaultJsonb : configured;
    }
}
