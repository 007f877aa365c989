package dev.inferplan.pricing.imports;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.inferplan.pricing.imports.aws.AwsOfferFileReader;
import dev.inferplan.pricing.imports.azure.AzureRetailPricesReader;
import dev.inferplan.pricing.imports.skypilot.SkyPilotCatalogReader;
import dev.inferplan.pricing.imports.suite.SuiteCsvReader;

import jakarta.enterprise.context.ApplicationScoped;
import dev.inferplan.pricing.pricelists.PriceListReader;

/** The price-list formats the book imports, by the {@code format} name the API takes. */
@ApplicationScoped
public class PriceListFormats {

    private final Map<String, PriceListReader> readers = new TreeMap<>();

    public PriceListFormats() {
        register(new SuiteCsvReader());
        register(new SkyPilotCatalogReader());
        register(new AwsOfferFileReader());
        register(new AzureRetailPricesReader());
    }

    private void register(PriceListReader reader) {
        readers.put(reader.format(), reader);
    }

    public Optional<PriceListReader> reader(String format) {
        return Optional.ofNullable(format == null ? null : readers.get(format));
    }

    public Set<String> formats() {
        return readers.keySet();
    }
}
