package dev.inferplan.contracts.accelerators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Maps every accelerator name the data sources use to one canonical {@link Accelerator}.
 *
 * <p>The table is {@code accelerators.csv} next to this class. Names match after normalization:
 * case, separators and vendor or marketing words ("NVIDIA", "Tesla", "GeForce", "Tensor Core",
 * "GPU") are ignored, so "NVIDIA T4 Tensor Core", "nvidia-tesla-t4" and "T4" are one name.
 *
 * <p><b>Memory variants.</b> A memory size in the name ("80GB", "-80GB", "32G") selects that
 * variant, and a size no variant has gives nothing. A name without one means what the sources mean
 * by it: SkyPilot's "A100" is the 40GB part. Where sources use one bare name for several variants
 * ("GH200-GraceHopper-Superchip" for 96GB and 144GB parts, Vast's "A100" for both A100s), it
 * resolves to nothing, and {@link #resolve(String, double)} takes the per-device memory the source
 * states elsewhere in the row to pick the variant.
 *
 * <p><b>TPU slices.</b> GCP names slices {@code tpu-<generation>-<size>} ("tpu-v5litepod-8",
 * "tpu-v5p-128", "tpu-v6e-1"); they resolve to the generation ({@code google-tpu-v5e}), because
 * the slice size is a quantity, not a model. GCP prices a whole slice as one row with
 * AcceleratorCount 1, so the number of chips has to come from the name: see
 * {@link #sliceChipCount(String)}.
 *
 * <p>The vocabulary never guesses: an unknown name gives {@link Optional#empty()}, and so does
 * a name whose stated memory contradicts it.
 *
 * <p><b>Memory figures from elsewhere in a row</b> ({@link #match}) are not reliable across catalogs
 * (some write the per-device size as a total, others host memory as the per-device size), so the
 * name decides: the memory only picks between variants of the name (A100 40GB or 80GB). A figure
 * that fits no variant gives the name's default variant (its bare alias) and says that the figure
 * disagrees, for the import report to show.
 *
 * <p><b>Extensions.</b> {@link #extendedWith} adds accelerators (an admin's) to a vocabulary; one
 * whose id, or any of whose names, collides with an existing one is refused.
 */
public final class AcceleratorVocabulary {

    private static final String RESOURCE = "accelerators.csv";
    private static final String HEADER = "id,vendor,kind,memoryGib,displayName,aliases";

    /**
     * Vendors state GB, drivers and clouds report GiB less what ECC and firmware reserve (an
     * "48GB" L40S shows 44.99 GiB), while variants of one model differ by far more (80 vs 94).
     */
    private static final double MEMORY_TOLERANCE = 0.10;

    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern TENSOR_CORE = Pattern.compile("tensor[^a-z0-9]*cores?");
    private static final Pattern MEMORY = Pattern.compile("(\\d+)(?:g|gb|gib)");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern WATTS = Pattern.compile("\\d+w");
    private static final Pattern TPU_SLICE = Pattern.compile("tpu[-_ ]v\\w+?[-_ ](\\d+)");
    private static final Set<String> MEMORY_UNITS = Set.of("g", "gb", "gib");
    private static final Set<String> IGNORED = Set.of(
            // vendors: some sources prefix them, others do not
            "nvidia", "tesla", "amd", "aws", "amazon", "google", "intel", "habana", "qualcomm",
            "untether", "untetherai",
            // product lines, packaging and deployment words that never tell two models apart
            "geforce", "instinct", "gpu", "gpus", "accelerator", "accelerators", "virtualized",
            "hbm2", "hbm2e", "hbm3", "hbm3e");

    /** One alias of one accelerator; {@code memoryGib} is the size the alias states, if any. */
    private record Alias(Accelerator accelerator, OptionalDouble memoryGib, String spelling) {}

    /**
     * An accelerator with the names sources give it (its id and display name count as names too).
     * Aliases may not contain '|' or ','.
     */
    public record Definition(Accelerator accelerator, List<String> aliases) {
        public Definition {
            Objects.requireNonNull(accelerator, "accelerator");
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * What a source name resolved to: the accelerator, and whether a memory figure the source states
     * elsewhere disagreed with it (then the accelerator is the name's default variant).
     */
    public record Match(Accelerator accelerator, boolean memoryDisagrees) {}

    /** A normalized name: the words that identify the model and the memory size it states. */
    private record Name(String key, OptionalDouble memoryGib) {}

    private final List<Definition> definitions;
    private final List<Accelerator> all;
    private final Map<AcceleratorId, Accelerator> byId;
    private final Map<String, List<Alias>> byKey;

    private AcceleratorVocabulary(List<Definition> definitions, Map<String, List<Alias>> byKey) {
        this.definitions = List.copyOf(definitions);
        this.all = definitions.stream().map(Definition::accelerator).toList();
        this.byId = all.stream().collect(Collectors.toUnmodifiableMap(Accelerator::id, Function.identity()));
        this.byKey = Map.copyOf(byKey);
    }

    /** The vocabulary of {@code accelerators.csv}, loaded once. */
    public static AcceleratorVocabulary standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        private static final AcceleratorVocabulary INSTANCE = load();

        private static AcceleratorVocabulary load() {
            try (InputStream in = AcceleratorVocabulary.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from the classpath");
                }
                return fromCsvLines(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /** Parses a table in the format of {@code accelerators.csv}, rejecting anything ambiguous. */
    static AcceleratorVocabulary fromCsvLines(List<String> lines) {
        List<Definition> definitions = new ArrayList<>();
        boolean headerSeen = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = RESOURCE + " line " + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                check(line.equals(HEADER), where + "expected the header " + HEADER);
                headerSeen = true;
                continue;
            }
            String[] fields = line.split(",", -1);
            check(fields.length == 6, where + "expected 6 fields, found " + fields.length);
            Accelerator accelerator = new Accelerator(new AcceleratorId(fields[0]), fields[1], fields[4],
                    fields[3].isBlank() ? null : Double.valueOf(fields[3]), AcceleratorKind.valueOf(fields[2]));
            definitions.add(new Definition(accelerator, List.of(fields[5].split("\\|"))));
        }
        return build(definitions, RESOURCE);
    }

    /** A vocabulary of the definitions, refusing duplicate ids and names that two accelerators would share. */
    private static AcceleratorVocabulary build(List<Definition> definitions, String source) {
        Map<AcceleratorId, Accelerator> accelerators = new LinkedHashMap<>();
        Map<String, List<Alias>> byKey = new LinkedHashMap<>();
        for (Definition definition : definitions) {
            Accelerator accelerator = definition.accelerator();
            String where = source + ", " + accelerator.id() + ": ";
            check(accelerators.putIfAbsent(accelerator.id(), accelerator) == null, where + "duplicate id");
            List<String> names = Stream.concat(Stream.of(accelerator.id().id(), accelerator.displayName()),
                            definition.aliases().stream())
                    .filter(alias -> !alias.isBlank())
                    .toList();
            for (String alias : names) {
                check(alias.indexOf('|') < 0 && alias.indexOf(',') < 0, where + "alias '" + alias + "' contains | or ,");
                Name name = parse(alias);
                check(name != null && !name.key().isEmpty(), where + "alias '" + alias + "' names no model");
                check(fits(accelerator, name.memoryGib()), where + "alias '" + alias + "' contradicts the memory");
                List<Alias> sameKey = byKey.computeIfAbsent(name.key(), key -> new ArrayList<>());
                sameKey.stream()
                        .filter(other -> !other.accelerator().equals(accelerator)
                                && other.memoryGib().equals(name.memoryGib()))
                        .findFirst()
                        .ifPresent(other -> check(false, where + "alias '" + alias + "' is already a name of "
                                + other.accelerator().id() + " ('" + other.spelling() + "')"));
                sameKey.add(new Alias(accelerator, name.memoryGib(), alias));
            }
        }
        byKey.forEach((key, aliases) -> check(aliases.stream()
                        .filter(alias -> alias.memoryGib().isEmpty()).map(Alias::accelerator).distinct().count() < 2,
                source + ": more than one accelerator claims the bare name '" + key + "'"));
        return new AcceleratorVocabulary(definitions, byKey);
    }

    /**
     * This vocabulary and the given accelerators. Refused ({@link IllegalArgumentException} naming the
     * collision) when an id exists already or a name (id, display name or alias) is one an existing
     * accelerator answers to, or would take a bare name another claims.
     */
    public AcceleratorVocabulary extendedWith(List<Definition> additions) {
        if (additions.isEmpty()) {
            return this;
        }
        List<Definition> combined = new ArrayList<>(definitions);
        combined.addAll(additions);
        return build(combined, "extension");
    }

    /** Every accelerator with its aliases as defined (not counting its id and display name), in table order. */
    public List<Definition> definitions() {
        return definitions;
    }

    private static void check(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** The accelerator a source name denotes, or empty if unknown or ambiguous. */
    public Optional<Accelerator> resolve(String sourceName) {
        return lookup(sourceName, OptionalDouble.empty());
    }

    /**
     * The accelerator a source name denotes, given the memory of one device that the source
     * states elsewhere (Vast's GpuInfo, GCP's MemoryInfo, AWS's GPU memory over the count).
     * Empty if the name is unknown or if no variant of it has about that much memory.
     */
    public Optional<Accelerator> resolve(String sourceName, double memoryGibPerDevice) {
        if (!(memoryGibPerDevice > 0 && Double.isFinite(memoryGibPerDevice))) {
            throw new IllegalArgumentException("memory per device must be positive: " + memoryGibPerDevice);
        }
        return lookup(sourceName, OptionalDouble.of(memoryGibPerDevice));
    }

    /**
     * The accelerator a source name denotes, by the name first: {@code memoryGibPerDevice} (a figure the
     * source states elsewhere in the row, if any) only picks between variants of the name. A figure that
     * fits no variant gives the name's default variant, with {@link Match#memoryDisagrees()}. Empty for an
     * unknown name, a memory size in the name itself that no variant has, or a name without a default
     * variant whose figure picks none.
     */
    public Optional<Match> match(String sourceName, OptionalDouble memoryGibPerDevice) {
        Name name = parse(Objects.requireNonNull(sourceName, "sourceName"));
        if (name == null) {
            return Optional.empty();
        }
        OptionalDouble stated = memoryGibPerDevice.isPresent()
                && memoryGibPerDevice.getAsDouble() > 0 && Double.isFinite(memoryGibPerDevice.getAsDouble())
                ? memoryGibPerDevice : OptionalDouble.empty();
        List<Alias> aliases = byKey.getOrDefault(name.key(), List.of());
        List<Accelerator> variants = aliases.stream()
                .map(Alias::accelerator)
                .filter(accelerator -> fits(accelerator, name.memoryGib()))
                .distinct()
                .toList();
        if (stated.isPresent()) {
            List<Accelerator> fitting = variants.stream().filter(accelerator -> fits(accelerator, stated)).toList();
            if (fitting.size() == 1) {
                return Optional.of(new Match(fitting.getFirst(), false));
            }
        }
        List<Accelerator> defaults = name.memoryGib().isPresent() ? variants : aliases.stream()
                .filter(alias -> alias.memoryGib().isEmpty())
                .map(Alias::accelerator)
                .distinct()
                .toList();
        if (defaults.size() != 1) {
            return Optional.empty();
        }
        Accelerator chosen = defaults.getFirst();
        return Optional.of(new Match(chosen, stated.isPresent() && !fits(chosen, stated)));
    }

    /** Like {@link #resolve(String)}, for sources where every name must be known. */
    public Accelerator resolveOrThrow(String sourceName) {
        return resolve(sourceName).orElseThrow(() -> new UnknownAcceleratorException(sourceName));
    }

    public Optional<Accelerator> byId(AcceleratorId id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /** Every accelerator, in table order. */
    public List<Accelerator> all() {
        return all;
    }

    /**
     * The number of chips in a GCP TPU slice name: "tpu-v5litepod-8" has 8, "tpu-v5p-8" has 4.
     * Empty for names that are not slices of a known generation.
     */
    public OptionalInt sliceChipCount(String sourceName) {
        Optional<Accelerator> generation = resolve(sourceName);
        Matcher slice = TPU_SLICE.matcher(sourceName.strip().toLowerCase(Locale.ROOT));
        if (!slice.matches() || generation.isEmpty()) {
            return OptionalInt.empty();
        }
        int size = Integer.parseInt(slice.group(1));
        return switch (generation.get().id().id()) {
            // these generations name slices by TensorCores, two per chip
            case "google-tpu-v2", "google-tpu-v3", "google-tpu-v4", "google-tpu-v5p" -> OptionalInt.of(size / 2);
            case "google-tpu-v5e", "google-tpu-v6e" -> OptionalInt.of(size);
            default -> OptionalInt.empty();
        };
    }

    private Optional<Accelerator> lookup(String sourceName, OptionalDouble measuredGib) {
        Name name = parse(Objects.requireNonNull(sourceName, "sourceName"));
        if (name == null) {
            return Optional.empty();
        }
        boolean memoryKnown = name.memoryGib().isPresent() || measuredGib.isPresent();
        List<Accelerator> matches = byKey.getOrDefault(name.key(), List.of()).stream()
                .filter(alias -> memoryKnown || alias.memoryGib().isEmpty())
                .map(Alias::accelerator)
                .filter(accelerator -> fits(accelerator, name.memoryGib()) && fits(accelerator, measuredGib))
                .distinct()
                .toList();
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    private static boolean fits(Accelerator accelerator, OptionalDouble gib) {
        if (gib.isEmpty()) {
            return true;
        }
        OptionalDouble nominal = accelerator.memoryGib();
        return nominal.isPresent()
                && Math.abs(nominal.getAsDouble() - gib.getAsDouble()) <= MEMORY_TOLERANCE * nominal.getAsDouble();
    }

    /** Returns null for a name that states two different memory sizes. */
    private static Name parse(String sourceName) {
        String text = TENSOR_CORE.matcher(sourceName.toLowerCase(Locale.ROOT)).replaceAll(" ");
        String[] raw = SEPARATORS.split(text.strip());
        List<String> words = new ArrayList<>();
        Set<Double> memory = new HashSet<>();
        for (int i = 0; i < raw.length; i++) {
            Matcher size = MEMORY.matcher(raw[i]);
            if (size.matches()) {
                memory.add(Double.valueOf(size.group(1)));
            } else if (NUMBER.matcher(raw[i]).matches() && i + 1 < raw.length && MEMORY_UNITS.contains(raw[i + 1])) {
                memory.add(Double.valueOf(raw[i++]));
            } else if (!raw[i].isEmpty() && !IGNORED.contains(raw[i]) && !WATTS.matcher(raw[i]).matches()) {
                words.add(raw[i]);
            }
        }
        if (words.size() > 2 && words.getFirst().equals("tpu") && NUMBER.matcher(words.getLast()).matches()) {
            words.removeLast();
        }
        if (memory.size() > 1) {
            return null;
        }
        return new Name(String.join("", words), memory.stream().mapToDouble(Double::doubleValue).findFirst());
    }
}
