package dev.inferplan.pricing.imports.azure;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What one Azure Retail Prices read did, besides the rows it sent to the sink.
 *
 * @param pages        pages read
 * @param items        items read across all pages (the highest {@code line} a row can have)
 * @param offers       offers sent to the sink
 * @param rejected     rejected rows sent to the sink
 * @param skipped      items deliberately not priced, by reason (every reason present, 0 if none)
 * @param nextPageLink the last page's {@code NextPageLink}: null after a full sequence, and after a
 *                     single-page read the link of the page that would come next (null if none)
 */
public record AzureImportSummary(int pages, long items, long offers, long rejected,
                                 Map<AzureSkipReason, Long> skipped, String nextPageLink) {

    public AzureImportSummary {
        EnumMap<AzureSkipReason, Long> all = new EnumMap<>(AzureSkipReason.class);
        for (AzureSkipReason reason : AzureSkipReason.values()) {
            all.put(reason, skipped.getOrDefault(reason, 0L));
        }
        skipped = Collections.unmodifiableMap(all);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
