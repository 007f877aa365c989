package dev.inferplan.platform.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a request record's broken rules are answered when not as the default 422 {@code validation}
 * problem: a benchmark job that cannot be run as asked is a 400 {@code impossible-job}, say.
 * Read by {@link ConstraintViolationMapper}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RejectedAs {

    int status();

    /** The problem type's slug under {@link Problem#TYPE_BASE}. */
    String type();

    String title();

    String detail();
}
