package dev.inferplan.runner.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.inferplan.platform.security.Roles;
import dev.inferplan.platform.security.ServiceToken;

/**
 * The bearer token the runner presents to the catalog (role {@code runner}): the configured one
 * ({@code RUNNER_CATALOG_TOKEN} in production), else, in the local suite, one issued from the
 * suite's key pair under {@code ./var/jwt}, naming the runner's pool ({@link Roles#POOL_CLAIM}), and
 * renewed well before it expires (platform's {@link ServiceToken}).
 */
public final class CatalogToken implements Supplier<String> {

    private final ServiceToken token;

    public CatalogToken(Optional<String> configured, Path keyDirectory, String issuer, String user, String pool) {
        this.token = new ServiceToken(configured, keyDirectory, issuer, user, List.of(Roles.RUNNER),
                Map.of(Roles.POOL_CLAIM, pool));
    }

    /** Where the token comes from, for the status page. */
    public String source() {
        return token.source("RUNNER_CATALOG_TOKEN");
    }

    @Override
    public String get() {
        return token.get();
    }
}
