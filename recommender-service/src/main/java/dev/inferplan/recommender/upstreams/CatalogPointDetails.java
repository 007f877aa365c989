package dev.inferplan.recommender.upstreams;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inferplan.recommender.plans.PointDetails;

/**
 * The measured points' histograms and windows for one request, read from the catalog with the caller's
 * token on first use and kept for the rest of the request (a cascade and the stability check ask for
 * the same points more than once).
 */
public final class CatalogPointDetails implements PointDetails {

    private final CatalogClient catalog;
    private final String token;
    private final Map<Long, Optional<byte[]>> histograms = new HashMap<>();
    private final Map<Long, Map<Long, List<Window>>> windowsByVersion = new HashMap<>();

    public CatalogPointDetails(CatalogClient catalog, String token) {
        this.catalog = catalog;
        this.token = token;
    }

    @Override
    public Optional<byte[]> latencyHistogram(long resultId) {
        return histograms.computeIfAbsent(resultId, id -> {
            try {
                return catalog.latencyHistogram(token, id);
            } catch (java.io.IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    @Override
    public List<Window> windows(long modelVersionId, long resultId) {
        return windowsByVersion.computeIfAbsent(modelVersionId, id -> {
            try {
                return catalog.windows(token, id);
            } catch (java.io.IOException e) {
                return Map.of();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Map.of();
            }
        }).getOrDefault(resultId, List.of());
    }
}
