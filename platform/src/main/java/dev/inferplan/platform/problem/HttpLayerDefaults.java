package dev.inferplan.platform.problem;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Server settings every service needs for {@link HttpLayerExtension}, at an ordinal below each
 * service's {@code microprofile-config.properties} (100) so a deployment can still override them.
 * Helidon 4.1.6's prologue validation refuses {@code :} in a query; it is off here because
 * {@link HttpLayerExtension#TARGET_CHECK} validates the query and fragment instead (ADR 0009).
 */
public final class HttpLayerDefaults implements ConfigSource {

    private static final Map<String, String> DEFAULTS = Map.of(
            "server.protocols.http_1_1.validate-prologue", "false");

    @Override
    public Set<String> getPropertyNames() {
        return DEFAULTS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return DEFAULTS.get(propertyName);
    }

    @Override
    public String getName() {
        return "inferplan platform HTTP-layer defaults";
    }

    @Override
    public int getOrdinal() {
        return 50;
    }
}
