package dev.inferplan.pricing.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * Where the service may read a price list on its own file system: only below the directories of
 * {@code pricing.imports.allowed-roots} (none by default), never below {@code /proc}, {@code /sys}
 * or {@code /dev}, and only regular files. A {@code file:} URL is resolved the way the operating
 * system would open it ({@code ..} and every symbolic link followed) before it is checked, and the
 * file is then opened without following a link in its last part. Anything outside is refused with
 * one answer, whether the file exists or not (403), so the refusal tells nothing about the file
 * system. See docs/security.md.
 */
@ApplicationScoped
public class PriceListLocations {

    static final String REFUSAL = "The service reads price lists only below the directories configured in"
            + " pricing.imports.allowed-roots; this URL is not below one of them.";
    private static final List<Path> NEVER = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev"));
    private static final Comparator<Path> PAGE_ORDER = Comparator
            .comparingLong((Path p) -> pageNumber(p.getFileName().toString()))
            .thenComparing(p -> p.getFileName().toString());
    private static final Pattern DIGITS = Pattern.compile("(\\d{1,18})");

    private final List<Path> roots;

    @Inject
    public PriceListLocations(Config config) {
        // read from Config: MicroProfile Config takes an empty default for "no value" and fails the injection
        this(java.util.Arrays.stream(config.getOptionalValue("pricing.imports.allowed-roots", String.class).orElse("")
                .split(",")).filter(root -> !root.isBlank()).map(root -> Path.of(root.strip())).toList());
    }

    PriceListLocations(List<Path> roots) {
        this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
        for (Path root : this.roots) {
            if (NEVER.stream().anyMatch(root::startsWith) || root.getParent() == null) {
                throw new IllegalStateException("pricing.imports.allowed-roots may not name " + root
                        + ": the file system root, /proc, /sys and /dev are never read");
            }
        }
    }

    /** The price list a URL names: a file, or a directory of pages in page order. */
    public record Located(String name, List<PriceImports.Part> parts) {
    }

    /**
     * The price list at {@code url} ({@code file:/absolute/path}), or a 400 (a URL the service cannot use)
     * or 403 (outside the allowed roots) problem naming {@code url}.
     */
    public Located locate(String url) {
        Path requested = path(url);
        Path real = allowed(requested);
        if (Files.isDirectory(real)) {
            return new Located(real.getFileName().toString(), pages(real));
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(real)) {
            throw ProblemException.badRequest("No readable price list at this URL.",
                    FieldError.field("url", "a readable regular file or directory below an allowed root"));
        }
        return new Located(real.getFileName().toString(), List.of(() -> open(real)));
    }

    /** The path a {@code file:} URL names, or 400: the URL must be absolute, without host, query or fragment. */
    static Path path(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw badUrl("Not a URL.");
        }
        if (!"file".equalsIgnoreCase(uri.getScheme())) {
            throw badUrl("Only file: URLs are read by the service.");
        }
        if (uri.isOpaque() || uri.getRawAuthority() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw badUrl("A file: URL names an absolute path on the service's own machine, without a host:"
                    + " file:/path/to/list.csv.");
        }
        try {
            return Path.of(uri.getPath());
        } catch (InvalidPathException e) {
            throw badUrl("Not a path this machine can open.");
        }
    }

    private static ProblemException badUrl(String detail) {
        return ProblemException.badRequest(detail, FieldError.field("url", "file:/absolute/path/below/an/allowed/root"));
    }

    /**
     * The real path (links and {@code ..} resolved) if it is below an allowed root and not below /proc, /sys or
     * /dev; otherwise the one refusal. A path that does not exist is refused alike unless it is below a root.
     */
    Path allowed(Path requested) {
        Path normal = requested.toAbsolutePath().normalize();
        if (!below(normal)) {
            throw refused();
        }
        Path real;
        try {
            real = normal.toRealPath();
        } catch (IOException e) {
            throw ProblemException.badRequest("No readable price list at this URL.",
                    FieldError.field("url", "a readable regular file or directory below an allowed root"));
        }
        if (!below(real)) {
            throw refused();
        }
        return real;
    }

    private boolean below(Path path) {
        if (NEVER.stream().anyMatch(path::startsWith)) {
            return false;
        }
        for (Path root : roots) {
            Path realRoot;
            try {
                realRoot = root.toRealPath();
            } catch (IOException e) {
                continue;   // a root not there (yet) holds nothing
            }
            if (path.startsWith(root) || path.startsWith(realRoot)) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException refused() {
        return new ProblemException(403, "import-url-refused", "Forbidden", REFUSAL,
                List.of(FieldError.field("url", "a file: URL below pricing.imports.allowed-roots")));
    }

    /**
     * A directory of saved pages (an Azure query's): its regular files in page order, by the number in their
     * names ({@code page-2.json} before {@code page-10.json}); a link to somewhere else is refused like any URL.
     */
    private List<PriceImports.Part> pages(Path directory) {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path entry : list.sorted(PAGE_ORDER).toList()) {
                Path real = allowed(entry);
                if (Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(real);
                }
            }
        } catch (IOException e) {
            throw ProblemException.badRequest("The directory cannot be listed.",
                    FieldError.field("url", "a readable directory of pages"));
        }
        if (files.isEmpty()) {
            throw ProblemException.badRequest("The directory holds no file.",
                    FieldError.field("url", "a file, or a directory of pages"));
        }
        return files.stream().<PriceImports.Part>map(file -> () -> open(file)).toList();
    }

    // The last part was checked not to be a link; one swapped in since is not followed.
    private static InputStream open(Path real) throws IOException {
        return Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
    }

    private static long pageNumber(String name) {
        Matcher digits = DIGITS.matcher(name);
        return digits.find() ? Long.parseLong(digits.group(1)) : Long.MAX_VALUE;
    }
}
