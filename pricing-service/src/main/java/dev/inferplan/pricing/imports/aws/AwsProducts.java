package dev.inferplan.pricing.imports.aws;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.inferplan.contracts.accelerators.Accelerator;
import dev.inferplan.contracts.accelerators.AcceleratorVocabulary;
import dev.inferplan.pricing.pricelists.RowRejected;
import dev.inferplan.pricing.pricelists.SourceNumbers;
import dev.inferplan.pricing.pricelists.SourceText;

/**
 * Which products of an EC2 offer file are offers, and what of a product an offer needs: the filter
 * and the description of {@link AwsOfferFileReader}'s class comment, apart from the JSON. Pure: it
 * sees a product's attributes as strings and either describes it or throws {@link RowRejected}
 * naming the attribute's JSON path.
 */
final class AwsProducts {

    private static final Set<String> COMPUTE_FAMILIES = Set.of("Compute Instance", "Compute Instance (bare metal)");

    /** The product attributes the reader looks at; every other attribute is skipped unread. */
    private static final Set<String> WANTED_ATTRIBUTES = Set.of(
            "instanceType", "regionCode", "location", "locationType", "vcpu", "memory", "gpu", "gpuMemory",
            "physicalProcessor", "operatingSystem", "tenancy", "preInstalledSw", "licenseModel",
            "capacitystatus", "marketoption");

    /** Whether the reader keeps this product attribute; every other one is skipped unread. */
    static boolean wanted(String attribute) {
        return WANTED_ATTRIBUTES.contains(attribute);
    }

    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*\\.[a-z0-9-]+");
    private static final Pattern MEMORY = Pattern.compile("\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(GiB|GB)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern GPU_MEMORY = Pattern.compile("\\s*([0-9][0-9,]*(?:\\.[0-9]+)?)\\s*(GiB|GB|G)\\b.*",
            Pattern.CASE_INSENSITIVE);

    private final AcceleratorVocabulary vocabulary;
    /** Region codes interned: one String per region, however many products name it. */
    private final Map<String, String> regions = new HashMap<>();

    AwsProducts(AcceleratorVocabulary vocabulary) {
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    }

    /** The filter of the class comment: plain Linux, shared tenancy, no extras, used capacity, a region. */
    static boolean qualifies(String family, Map<String, String> attributes) {
        return COMPUTE_FAMILIES.contains(family)
                && "Linux".equals(attributes.get("operatingSystem"))
                && "Shared".equals(attributes.get("tenancy"))
                && "NA".equals(attributes.get("preInstalledSw"))
                && isOrAbsent(attributes, "capacitystatus", "Used")
                && isOrAbsent(attributes, "licenseModel", "No License required")
                && isOrAbsent(attributes, "marketoption", "OnDemand")
                && isOrAbsent(attributes, "locationType", "AWS Region");
    }

    private static boolean isOrAbsent(Map<String, String> attributes, String name, String expected) {
        String value = attributes.get(name);
        return value == null || expected.equals(value);
    }

    AwsProduct describe(String path, Map<String, String> attributes) {
        String instanceType = attributes.get("instanceType");
        if (instanceType == null || !INSTANCE_TYPE.matcher(instanceType).matches()) {
            throw new RowRejected(path + ".instanceType", "not an EC2 instance type: '" + instanceType + "'");
        }
        String region = region(path, attributes);
        BigDecimal vcpus = positive(attributes.get("vcpu"), path + ".vcpu", "vCPU count");
        BigDecimal memoryGib = memoryGib(attributes.get("memory"), path + ".memory");
        String architecture = architecture(attributes.get("physicalProcessor"));

        String family = AwsInstanceFamilies.familyOf(instanceType);
        BigDecimal gpuCount = gpuCount(attributes.get("gpu"), path + ".gpu");
        Optional<AwsInstanceFamilies.Family> known = AwsInstanceFamilies.of(family);
        if (known.isEmpty()) {
            Optional<String> unsupported = AwsInstanceFamilies.unsupported(family);
            if (unsupported.isPresent()) {
                throw new RowRejected(path + ".instanceType", "instance family '" + family + "' carries "
                        + unsupported.get() + ", which the accelerator vocabulary has no entry for");
            }
            if (gpuCount != null && gpuCount.signum() > 0) {
                throw new RowRejected(path + ".gpu", "instance family '" + family + "' (" + SourceText.quote(instanceType)
                        + ") has gpu=" + gpuCount.toPlainString() + " but no known accelerator model: "
                        + "add the family to the AWS family table");
            }
            return new AwsProduct(instanceType, region, null, BigDecimal.ZERO, null, vcpus, memoryGib,
                    architecture);
        }
        String acceleratorName = known.get().acceleratorName();
        BigDecimal count;
        if (gpuCount != null && gpuCount.signum() > 0) {
            count = gpuCount;
        } else if (gpuCount != null) {
            throw new RowRejected(path + ".gpu", "instance family '" + family + "' carries " + acceleratorName
                    + " but the SKU says gpu=0");
        } else {
            OptionalInt devices = AwsInstanceFamilies.asicDevices(instanceType);
            if (devices.isEmpty()) {
                throw new RowRejected(path + ".gpu", "no gpu count for " + SourceText.quote(instanceType) + " (" + acceleratorName
                        + "), and no documented device count for this size");
            }
            count = BigDecimal.valueOf(devices.getAsInt());
        }
        Accelerator accelerator = vocabulary.resolve(acceleratorName)
                .orElseThrow(() -> new RowRejected(path + ".instanceType", "instance family '" + family
                        + "' maps to '" + acceleratorName + "', which the accelerator vocabulary does not know"));
        Double memoryPerDevice = acceleratorMemory(attributes.get("gpuMemory"), path + ".gpuMemory",
                acceleratorName, accelerator, count);
        return new AwsProduct(instanceType, region, accelerator.id().id(), count, memoryPerDevice, vcpus,
                memoryGib, architecture);
    }

    private String region(String path, Map<String, String> attributes) {
        String code = attributes.get("regionCode");
        String region;
        if (code != null && !code.isBlank()) {
            if (!AwsRegions.isRegionCode(code.strip())) {
                throw new RowRejected(path + ".regionCode", "not an AWS region code: '" + code + "'");
            }
            region = code.strip();
        } else {
            String location = attributes.get("location");
            if (location == null || location.isBlank()) {
                throw new RowRejected(path + ".location", "neither regionCode nor location says where this is");
            }
            region = AwsRegions.byLocation(location).orElseThrow(() -> new RowRejected(path + ".location",
                    "unknown location '" + location + "' and no regionCode: add it to the AWS region table"));
        }
        return regions.computeIfAbsent(region, r -> r);
    }

    /**
     * The source's per-device memory when {@code gpuMemory} states one that fits the family's
     * model, read as the total over all devices (the usual meaning) or, failing that, per
     * device; the vocabulary's nominal figure when the attribute is absent or unreadable; a
     * rejected row when it contradicts the model under both readings.
     */
    private Double acceleratorMemory(String raw, String path, String acceleratorName, Accelerator accelerator,
                                     BigDecimal count) {
        Double nominal = accelerator.memoryGibPerDevice();
        Matcher matcher = raw == null ? null : GPU_MEMORY.matcher(raw);
        if (matcher == null || !matcher.matches()) {
            return nominal;
        }
        double stated = Double.parseDouble(matcher.group(1).replace(",", ""));
        if (!(stated > 0)) {
            return nominal;
        }
        double perDevice = stated / count.doubleValue();
        if (fits(acceleratorName, accelerator, perDevice)) {
            return perDevice;
        }
        if (fits(acceleratorName, accelerator, stated)) {
            return stated;
        }
        throw new RowRejected(path, "gpuMemory '" + raw + "' fits " + accelerator.id()
                + " neither as a total over " + count.toPlainString() + " devices nor per device: "
                + "the instance family table may be wrong for this type");
    }

    private boolean fits(String acceleratorName, Accelerator accelerator, double memoryGibPerDevice) {
        return vocabulary.resolve(acceleratorName, memoryGibPerDevice)
                .filter(found -> found.id().equals(accelerator.id()))
                .isPresent();
    }

    private static BigDecimal gpuCount(String raw, String path) {
        if (raw == null || raw.isBlank() || "NA".equalsIgnoreCase(raw.strip())) {
            return null;
        }
        try {
            BigDecimal count = SourceNumbers.parse(raw.strip());
            if (count.signum() < 0) {
                throw new RowRejected(path, "negative gpu count '" + raw + "'");
            }
            return count;
        } catch (NumberFormatException e) {
            throw new RowRejected(path, "not a gpu count: '" + raw + "'");
        }
    }

    private static BigDecimal positive(String raw, String path, String what) {
        try {
            BigDecimal value = SourceNumbers.parse(Objects.requireNonNullElse(raw, "").strip());
            if (value.signum() <= 0) {
                throw new RowRejected(path, "the " + what + " must be positive: '" + raw + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new RowRejected(path, "not a " + what + ": '" + raw + "'");
        }
    }

    private static BigDecimal memoryGib(String raw, String path) {
        Matcher matcher = raw == null ? null : MEMORY.matcher(raw);
        if (matcher == null || !matcher.matches()) {
            throw new RowRejected(path, "not a memory size in GiB: '" + raw + "'");
        }
        BigDecimal value = SourceNumbers.parse(matcher.group(1).replace(",", ""));
        if (value.signum() <= 0) {
            throw new RowRejected(path, "the memory size must be positive: '" + raw + "'");
        }
        return value;
    }

    /** x86_64 or arm64 from the processor name; null when the name does not say (e.g. "Variable"). */
    private static String architecture(String physicalProcessor) {
        if (physicalProcessor == null) {
            return null;
        }
        String name = physicalProcessor.toLowerCase(Locale.ROOT);
        if (name.contains("graviton") || name.contains("apple")) {
            return "arm64";
        }
        if (name.contains("intel") || name.contains("amd")) {
            return "x86_64";
        }
        return null;
    }
}
