package dev.inferplan.catalog.versions;

import java.util.List;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * The artifact rules the catalog registers URIs by ({@code catalog.artifacts.*}, docs/security.md,
 * "Model artifacts"); the runners check the same rules again with their own roots and hosts.
 */
@ApplicationScoped
public class ArtifactRules {

    static final String PREFIX = "catalog.artifacts";

    private final ArtifactUriPolicy policy;

    // a CDI proxy needs a no-argument constructor
    protected ArtifactRules() {
        this.policy = null;
    }

    @Inject
    public ArtifactRules(Config config) {
        this.policy = ArtifactUriPolicy.configured(PREFIX, key -> config.getOptionalValues(PREFIX + "." + key,
                String.class).orElse(List.of()), config.getValue(PREFIX + ".max-bytes", Long.class));
    }

    public ArtifactUriPolicy policy() {
        return policy;
    }
}
