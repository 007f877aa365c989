package dev.inferplan.platform.security;

import java.util.List;

/**
 * The suite's roles, carried in the JWT {@code groups} claim (MicroProfile JWT). Reads need any
 * human role; each write names the role that may do it.
 */
public final class Roles {

    /** Reads dashboards, recommendations and catalogs. */
    public static final String VIEWER = "viewer";
    /** An ML team: registers models, asks for recommendations, submits benchmark jobs. */
    public static final String TEAM = "team";
    /** A member of the model review committee. */
    public static final String REVIEWER = "reviewer";
    /** Operates the suite: price imports, FX rates, pools. */
    public static final String ADMIN = "admin";
    /** A benchmark runner (a machine, not a person). */
    public static final String RUNNER = "runner";

    public static final List<String> ALL = List.of(VIEWER, TEAM, REVIEWER, ADMIN, RUNNER);

    /**
     * The JWT claim that binds a runner's token to its hardware pool (a string, the pool's name): such
     * a token registers, updates and leases jobs for that pool only (docs/security.md, "Hardware pools").
     */
    public static final String POOL_CLAIM = "pool";

    private Roles() {
    }
}
