package dev.inferplan.contracts.artifacts;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where a model artifact may be read from. The catalog checks a URI when it is registered, the
 * runner again before it reads one (docs/security.md, "Model artifacts"): an allowed scheme;
 * {@code file:} and {@code jar:file:…!/entry} only below the model roots, never under /proc, /sys or
 * /dev; {@code https:} only to the listed hosts, and never to a loopback, link-local, private or
 * other internal address unless an allowed network holds it; at most {@code maxBytes}. Every refusal
 * names the rule and the config key that sets it, never anything read from the target.
 *
 * <p>Only what the URI says is checked here. The runner adds what only its machine knows: symlinks
 * resolved against the roots, the addresses a host resolves to when it connects, and the size while
 * it copies.
 *
 * @param configPrefix  the config keys' prefix, named in refusals ({@code catalog.artifacts})
 * @param schemes       allowed schemes, lowercase ({@code jar}, {@code file}, {@code https}; {@code http} if listed)
 * @param fileRoots     absolute, normalized directories that {@code file:} and {@code jar:file:} URIs must be below
 * @param hosts         hosts that {@code http(s):} URIs may name, lowercase, exact ({@code *}: any)
 * @param allowedNetworks internal networks that are allowed all the same
 * @param maxBytes      the largest artifact read or registered
 */
public record ArtifactUriPolicy(String configPrefix, Set<String> schemes, List<Path> fileRoots, Set<String> hosts,
                                List<Network> allowedNetworks, long maxBytes) {

    public static final Set<String> KNOWN_SCHEMES = Set.of("jar", "file", "https", "http");
    /** Never an artifact, whatever the roots: a process's memory and environment, devices, kernel state. */
    public static final List<Path> NEVER = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));
    /** In {@code hosts}: any host (its addresses are still checked). */
    public static final String ANY_HOST = "*";
    /** The ONNX protobuf limit: a larger model keeps its weights in external data files. */
    public static final long DEFAULT_MAX_BYTES = 2L << 30;

    public ArtifactUriPolicy {
        schemes = Set.copyOf(schemes);
        fileRoots = List.copyOf(fileRoots);
        hosts = Set.copyOf(hosts);
        allowedNetworks = List.copyOf(allowedNetworks);
        if (!KNOWN_SCHEMES.containsAll(schemes)) {
            throw new IllegalArgumentException(configPrefix + ".schemes: only " + KNOWN_SCHEMES + " are understood, not "
                    + schemes);
        }
        for (Path root : fileRoots) {
            if (!root.isAbsolute() || !root.equals(root.normalize())) {
                throw new IllegalArgumentException(configPrefix + ".file-roots: " + root + " is not an absolute, normalized path");
            }
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException(configPrefix + ".max-bytes must be positive");
        }
    }

    /**
     * A policy from configuration values: comma-separated lists (blank entries ignored), roots with
     * {@code ~} for the user's home and relative ones against the working directory.
     */
    public static ArtifactUriPolicy of(String configPrefix, List<String> schemes, List<String> fileRoots,
                                       List<String> hosts, List<String> allowedNetworks, long maxBytes) {
        return new ArtifactUriPolicy(configPrefix, lower(schemes),
                values(fileRoots).stream().map(ArtifactUriPolicy::root).toList(), lower(hosts),
                values(allowedNetworks).stream().map(Network::parse).toList(), maxBytes);
    }

    /**
     * A policy from a service's configuration: {@code lists} answers the values of
     * {@code <configPrefix>.schemes}, {@code .file-roots}, {@code .hosts} and {@code .allowed-networks}
     * (empty when unset), given the key's last part.
     */
    public static ArtifactUriPolicy configured(String configPrefix, Function<String, List<String>> lists, long maxBytes) {
        return of(configPrefix, lists.apply("schemes"), lists.apply("file-roots"), lists.apply("hosts"),
                lists.apply("allowed-networks"), maxBytes);
    }

    /**
     * For a person's own runs of the runner's CLI: any scheme, file, host and address, as the user
     * could read them anyway; still never /proc, /sys or /dev, and at most {@link #DEFAULT_MAX_BYTES}.
     */
    public static ArtifactUriPolicy unrestricted() {
        return new ArtifactUriPolicy("the CLI", KNOWN_SCHEMES, List.of(Path.of("/")), Set.of(ANY_HOST),
                List.of(Network.parse("0.0.0.0/0"), Network.parse("::/0")), DEFAULT_MAX_BYTES);
    }

    /** Where an artifact URI points: a file, an entry of a jar file, or a remote {@code http(s):} resource. */
    public sealed interface Location {
    }

    public record FileLocation(Path file) implements Location {
    }

    public record JarEntryLocation(Path jar, String entry) implements Location {
    }

    public record RemoteLocation(URI uri, String host) implements Location {
    }

    /** A URI the rules refuse; the message names the rule. */
    public static final class Refused extends RuntimeException {
        public Refused(String rule) {
            super(rule);
        }
    }

    /** The location the URI names, or {@link Refused} with the rule it breaks. */
    public Location check(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new Refused("an artifact URI is required");
        }
        try {
            return check(new URI(uri.strip()));
        } catch (URISyntaxException e) {
            throw new Refused("not a URI (" + e.getReason() + ")");
        }
    }

    /** A refusal as a field's reason: the rule. */
    public Optional<String> problem(String uri) {
        try {
            check(uri);
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The location the URI names, or {@link Refused} with the rule it breaks. */
    public Location check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw new Refused("the scheme must be one of " + sorted(schemes) + " (" + configPrefix + ".schemes)");
        }
        return switch (scheme) {
            case "file" -> new FileLocation(checkFile(file(uri)));
            case "jar" -> jarEntry(uri);
            default -> remote(uri);
        };
    }

    private JarEntryLocation jarEntry(URI uri) {
        String inner = uri.getRawSchemeSpecificPart();
        int separator = inner.indexOf("!/");
        if (separator < 0 || separator + 2 == inner.length()) {
            throw new Refused("a jar: URI names the entry after '!/': jar:file:/models/m.jar!/model.onnx");
        }
        URI jar;
        try {
            jar = new URI(inner.substring(0, separator));
        } catch (URISyntaxException e) {
            throw new Refused("the jar of a jar: URI is not a URI (" + e.getReason() + ")");
        }
        if (!"file".equalsIgnoreCase(jar.getScheme())) {
            throw new Refused("a jar: URI reads a jar file below the model roots: jar:file:/…!/entry");
        }
        String entry;
        try {
            entry = new URI("entry:/" + inner.substring(separator + 2)).getPath().substring(1);
        } catch (URISyntaxException e) {
            throw new Refused("the entry of a jar: URI is not a path (" + e.getReason() + ")");
        }
        if (entry.contains("!/")) {
            throw new Refused("a jar: URI names one entry of one jar, not a jar inside a jar");
        }
        return new JarEntryLocation(checkFile(file(jar)), entry);
    }

    private static Path file(URI uri) {
        if (uri.isOpaque() || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw new Refused("a file: URI names an absolute path: file:/models/m.onnx");
        }
        if (uri.getRawAuthority() != null) {
            throw new Refused("a file: URI names no host: file:/models/m.onnx");
        }
        try {
            return Path.of(uri.getPath()).normalize();
        } catch (InvalidPathException e) {
            throw new Refused("a file: URI names a valid path");
        }
    }

    /** The path, normalized, if it is below a model root and not under /proc, /sys or /dev; else {@link Refused}. */
    public Path checkFile(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        if (NEVER.stream().anyMatch(normalized::startsWith)) {
            throw new Refused("never below " + NEVER.stream().map(Path::toString).toList());
        }
        if (fileRoots.isEmpty()) {
            throw new Refused("no file is an artifact here: no model roots are configured (" + configPrefix + ".file-roots)");
        }
        if (fileRoots.stream().noneMatch(normalized::startsWith)) {
            throw new Refused("outside the model roots (" + configPrefix + ".file-roots)");
        }
        return normalized;
    }

    private RemoteLocation remote(URI uri) {
        String host = uri.getHost();
        if (uri.isOpaque() || host == null || host.isBlank()) {
            throw new Refused("an http(s): URI names a host: https://models.example.org/m.onnx");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("an http(s): URI carries no credentials");
        }
        host = host.toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!hosts.contains(host) && !hosts.contains(bare) && !hosts.contains(ANY_HOST)) {
            throw new Refused("the host is not one of the allowed hosts (" + configPrefix + ".hosts)");
        }
        if (isAddressLiteral(bare)) {
            checkAddress(literal(bare));
        }
        return new RemoteLocation(uri, bare);
    }

    /** {@link Refused} unless every address is allowed: a host is reached only if all it resolves to may be. */
    public void checkAddresses(List<InetAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new Refused("the host resolves to no address");
        }
        addresses.forEach(this::checkAddress);
    }

    public void checkAddress(InetAddress address) {
        if (isInternal(address) && allowedNetworks.stream().noneMatch(n -> n.contains(address))) {
            throw new Refused("the host resolves to a loopback, link-local, private or other internal address, and no"
                    + " allowed network holds it (" + configPrefix + ".allowed-networks)");
        }
    }

    /** A declared size above the maximum is refused at once; absent (null or 0) is fine. */
    public void checkDeclaredSize(Long sizeBytes) {
        if (sizeBytes != null && sizeBytes > maxBytes) {
            throw new Refused("larger than the largest artifact allowed, " + maxBytes + " bytes (" + configPrefix
                    + ".max-bytes)");
        }
    }

    /** What may be read of an artifact: its declared size when known (above 0), and never more than the maximum. */
    public long readLimit(long declaredSizeBytes) {
        return declaredSizeBytes > 0 ? Math.min(declaredSizeBytes, maxBytes) : maxBytes;
    }

    /**
     * Loopback, link-local, site-local (10/8, 172.16/12, 192.168/16, fec0::/10), unique-local
     * (fc00::/7), shared (100.64/10), "this network" (0/8), multicast and the unspecified address:
     * nothing a model is fetched from unless the operator says so.
     */
    public static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean sharedOrThisNetwork = bytes.length == 4
                && ((bytes[0] == 100 && (bytes[1] & 0xc0) == 64) || bytes[0] == 0);
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || sharedOrThisNetwork || uniqueLocal;
    }

    /** An IPv4 or IPv6 network in CIDR form ({@code 10.20.0.0/16}); a bare address is a network of one. */
    public record Network(InetAddress base, int prefixLength) {

        public static Network parse(String cidr) {
            String value = cidr.strip();
            int slash = value.indexOf('/');
            String address = slash < 0 ? value : value.substring(0, slash);
            if (!isAddressLiteral(address)) {
                throw new IllegalArgumentException("not an IP network: '" + cidr + "' (10.20.0.0/16, fd00::/8)");
            }
            InetAddress base = literal(address);
            int bits = base.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IP network: '" + cidr + "'");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range in '" + cidr + "'");
            }
            return new Network(base, prefix);
        }

        public boolean contains(InetAddress address) {
            byte[] network = base.getAddress();
            byte[] candidate = address.getAddress();
            if (network.length != candidate.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (network[i] != candidate[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (network[whole] & mask) == (candidate[whole] & mask);
        }
    }

    static boolean isAddressLiteral(String host) {
        return host.matches("[0-9.]+") && host.chars().filter(c -> c == '.').count() == 3 || host.contains(":");
    }

    /** An address literal, never looked up: InetAddress.getByName does not resolve a literal. */
    static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new Refused("not an IP address: " + host);
        }
    }

    private static Path root(String value) {
        String expanded = value.equals("~") || value.startsWith("~/")
                ? System.getProperty("user.home") + value.substring(1) : value;
        return Path.of(expanded).toAbsolutePath().normalize();
    }

    private static List<String> values(List<String> values) {
        List<String> kept = new ArrayList<>();
        if (values != null) {
            values.stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(kept::add);
        }
        return kept;
    }

    private static Set<String> lower(List<String> values) {
        Set<String> lower = new LinkedHashSet<>();
        values(values).forEach(v -> lower.add(v.toLowerCase(Locale.ROOT)));
        return lower;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
