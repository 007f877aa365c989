package dev.inferplan.pricing.imports.aws;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * AWS region codes. Offer files name the region twice: {@code regionCode} ("us-east-2", in every
 * file AWS has published since about 2020) and {@code location} ("US East (Ohio)"). The code is
 * taken when present; the location table below only serves files without it. A location the
 * table does not know is a rejected row, never a guess.
 */
final class AwsRegions {

    /** A region code: "us-east-1", "us-gov-west-1", "eu-central-2". Local Zones ("us-east-1-bos-1") do not match. */
    private static final Pattern REGION_CODE = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d+");

    /**
     * Location names as the price list writes them. AWS wrote "EU (…)" for European regions and
     * has started to write "Europe (…)" in some places; both are accepted.
     */
    private static final Map<String, String> BY_LOCATION = Map.ofEntries(
            Map.entry("US East (N. Virginia)", "us-east-1"),
            Map.entry("US East (Ohio)", "us-east-2"),
            Map.entry("US West (N. California)", "us-west-1"),
            Map.entry("US West (Oregon)", "us-west-2"),
            Map.entry("AWS GovCloud (US-East)", "us-gov-east-1"),
            Map.entry("AWS GovCloud (US-West)", "us-gov-west-1"),
            // the name of us-gov-west-1 before us-gov-east-1 opened (usage type prefix UGW1)
            Map.entry("AWS GovCloud (US)", "us-gov-west-1"),
            Map.entry("Canada (Central)", "ca-central-1"),
            Map.entry("Canada West (Calgary)", "ca-west-1"),
            Map.entry("EU (Frankfurt)", "eu-central-1"),
            Map.entry("EU (Zurich)", "eu-central-2"),
            Map.entry("EU (Ireland)", "eu-west-1"),
            Map.entry("EU (London)", "eu-west-2"),
            Map.entry("EU (Paris)", "eu-west-3"),
            Map.entry("EU (Stockholm)", "eu-north-1"),
            Map.entry("EU (Milan)", "eu-south-1"),
            Map.entry("EU (Spain)", "eu-south-2"),
            Map.entry("Europe (Frankfurt)", "eu-central-1"),
            Map.entry("Europe (Zurich)", "eu-central-2"),
            Map.entry("Europe (Ireland)", "eu-west-1"),
            Map.entry("Europe (London)", "eu-west-2"),
            Map.entry("Europe (Paris)", "eu-west-3"),
            Map.entry("Europe (Stockholm)", "eu-north-1"),
            Map.entry("Europe (Milan)", "eu-south-1"),
            Map.entry("Europe (Spain)", "eu-south-2"),
            Map.entry("Asia Pacific (Tokyo)", "ap-northeast-1"),
            Map.entry("Asia Pacific (Seoul)", "ap-northeast-2"),
            Map.entry("Asia Pacific (Osaka)", "ap-northeast-3"),
            Map.entry("Asia Pacific (Singapore)", "ap-southeast-1"),
            Map.entry("Asia Pacific (Sydney)", "ap-southeast-2"),
            Map.entry("Asia Pacific (Jakarta)", "ap-southeast-3"),
            Map.entry("Asia Pacific (Melbourne)", "ap-southeast-4"),
            Map.entry("Asia Pacific (Mumbai)", "ap-south-1"),
            Map.entry("Asia Pacific (Hyderabad)", "ap-south-2"),
            Map.entry("Asia Pacific (Hong Kong)", "ap-east-1"),
            Map.entry("South America (Sao Paulo)", "sa-east-1"),
            Map.entry("Middle East (Bahrain)", "me-south-1"),
            Map.entry("Middle East (UAE)", "me-central-1"),
            Map.entry("Africa (Cape Town)", "af-south-1"),
            Map.entry("Israel (Tel Aviv)", "il-central-1"));

    private AwsRegions() {
    }

    static boolean isRegionCode(String code) {
        return code != null && REGION_CODE.matcher(code).matches();
    }

    /** The region code of a price-list location name, or empty if the table does not know it. */
    static Optional<String> byLocation(String location) {
        return location == null ? Optional.empty() : Optional.ofNullable(BY_LOCATION.get(location.strip()));
    }
}
