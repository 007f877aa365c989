package dev.inferplan.pricing.sources;

/**
 * A price list the service refreshes by itself ({@code pricing.sources.<provider>.url}, {@code .format},
 * {@code .mode}, {@code .schedule}): a {@code file:} path or directory below the allowed roots, or an
 * {@code https:} URL.
 */
public record PriceListSource(String provider, String url, String format, String mode, RefreshSchedule schedule) {
}
