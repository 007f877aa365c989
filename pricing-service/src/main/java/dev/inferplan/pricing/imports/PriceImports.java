package dev.inferplan.pricing.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;
import dev.inferplan.pricing.accelerators.AcceleratorDefinitions;
import dev.inferplan.pricing.book.PriceBookPublisher;
import dev.inferplan.pricing.book.PriceBookVersion;
import dev.inferplan.pricing.book.PriceBookVersions;
import dev.inferplan.pricing.book.ProviderLocks;
import dev.inferplan.pricing.fx.FxRate;
import dev.inferplan.pricing.fx.FxRates;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import dev.inferplan.pricing.pricelists.ImportContext;
import dev.inferplan.pricing.pricelists.ImportFormatException;
import dev.inferplan.pricing.pricelists.PriceListParts;
import dev.inferplan.pricing.pricelists.PriceListReader;
import dev.inferplan.pricing.pricelists.RejectedRow;

/**
 * Imports a price list: the upload is spooled to a temporary file (its sha256 taken on the way,
 * memory bounded), an upload identical to the provider's current version changes nothing, and
 * anything else runs in the background as one all-or-nothing transaction whose progress (%, ETA)
 * and final report are kept in the import run.
 */
@ApplicationScoped
public class PriceImports {

    private static final Logger LOGGER = Logger.getLogger(PriceImports.class.getName());
    private static final long PROGRESS_INTERVAL_NANOS = 500_000_000L;
    private static final Pattern PROVIDER = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private final PriceBookPublisher publisher;
    private final PriceBookVersions versions;
    private final ImportRuns runs;
    private final FxRates fxRates;
    private final PriceListFormats formats;
    private final long maxBytes;
    private final int maxReportedRejections;
    private final ProviderLocks locks;
    private final AcceleratorDefinitions accelerators;
    private final ImportMetrics importMetrics;
    private final long queueWaitSeconds;
    private final Semaphore concurrent;
    private final Map<String, ReentrantLock> providerLocks = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final jakarta.transaction.TransactionManager transactions;
    /**
     * An import is one transaction however long the file: the transaction manager's default (60 s) had
     * its reaper roll back any import longer than a minute (a 1 GiB catalog takes many).
     */
    private final int transactionTimeoutSeconds;

    @Inject
    public PriceImports(PriceBookPublisher publisher, PriceBookVersions versions, ImportRuns runs, FxRates fxRates,
                        PriceListFormats formats, ProviderLocks locks,
                        AcceleratorDefinitions accelerators, ImportMetrics importMetrics,
                        @ConfigProperty(name = "pricing.import.max-bytes", defaultValue = "2147483648") long maxBytes,
                        @ConfigProperty(name = "pricing.import.max-reported-rejections", defaultValue = "1000")
                        int maxReportedRejections,
                        @ConfigProperty(name = "pricing.import.max-concurrent", defaultValue = "2") int maxConcurrent,
                        @ConfigProperty(name = "pricing.import.queue-wait-seconds", defaultValue = "600")
                        long queueWaitSeconds,
                        jakarta.transaction.TransactionManager transactions,
                        @ConfigProperty(name = "pricing.import.transaction-timeout-seconds", defaultValue = "7200")
                        int transactionTimeoutSeconds) {
        this.transactions = transactions;
        this.transactionTimeoutSeconds = transactionTimeoutSeconds;
        this.publisher = publisher;
        this.versions = versions;
        this.runs = runs;
        this.fxRates = fxRates;
        this.formats = formats;
        this.maxBytes = maxBytes;
        this.maxReportedRejections = maxReportedRejections;
        this.locks = locks;
        this.accelerators = accelerators;
        this.importMetrics = importMetrics;
        this.concurrent = new Semaphore(Math.max(1, maxConcurrent), true);
        this.queueWaitSeconds = queueWaitSeconds;
    }

    /** What an admin asked to import. */
    public record Request(String provider, String format, String mode, String sourceName, String user) {
    }

    /** A started (or already finished) import, and the background work if any. */
    public record Submitted(ImportRun run, Optional<Future<?>> work) {
    }

    /** One part of an upload, opened when it is spooled. */
    @FunctionalInterface
    public interface Part {
        InputStream open() throws IOException;
    }

    public Submitted submit(Request request, InputStream upload) {
        return submit(request, List.of(() -> upload));
    }

    /**
     * Imports a price list given in parts (the pages of an Azure query; one part for every other
     * format). The parts are spooled in order to one temporary directory, and the sha256 covers
     * all of them with their boundaries.
     */
    public Submitted submit(Request request, List<Part> parts) {
        PriceListReader reader = validate(request);
        if (parts.isEmpty()) {
            throw ProblemException.badRequest("No file was given.", FieldError.field("file", "at least one part"));
        }
        Path spool = null;
        try {
            spool = Files.createTempDirectory("inferplan-import-");
            Spooled spooled = spool(parts, spool);
            Optional<PriceBookVersion> current = versions.current(request.provider());
            if (current.isPresent() && current.get().sourceSha256().equals(spooled.sha256())) {
                ImportRun run = runs.start(request.provider(), request.format(), mode(request), request.sourceName(),
                        spooled.bytes(), request.user());
                runs.finish(run.id(), new ImportRuns.Outcome(ImportRun.Status.UNCHANGED, null, "identical to the source"
                        + " of price-book version " + current.get().id() + "; nothing changed", current.get().id(), 0, 0,
                        List.of(), 0, List.of(), 0));
                deleteQuietly(spool);
                return new Submitted(runs.byId(run.id()).orElseThrow(), Optional.empty());
            }
            ImportRun run = runs.start(request.provider(), request.format(), mode(request), request.sourceName(),
                    spooled.bytes(), request.user());
            Path directory = spool;
            Future<?> work = executor.submit(() -> execute(run.id(), request, reader, directory, spooled));
            return new Submitted(run, Optional.of(work));
        } catch (IOException e) {
            deleteQuietly(spool);
            throw new UncheckedIOException("cannot spool the upload", e);
        } catch (RuntimeException e) {
            deleteQuietly(spool);
            throw e;
        }
    }

    private void execute(long runId, Request request, PriceListReader reader, Path directory, Spooled spooled) {
        PriceBookPublisher.Source source = new PriceBookPublisher.Source(request.provider(), request.format(),
                request.sourceName(), spooled.sha256(), request.user(), !"lenient".equals(mode(request)));
        long started = System.nanoTime();
        long[] lastProgress = {started};
        ReentrantLock providerLock = providerLocks.computeIfAbsent(request.provider(), p -> new ReentrantLock(true));
        boolean locked = false;
        boolean running = false;
        try {
            // Imports of one provider queue here, holding no connection, and at most maxConcurrent run at
            // once: each holds a connection for its transaction and borrows another for its progress.
            locked = providerLock.tryLock(queueWaitSeconds, TimeUnit.SECONDS);
            if (!locked) {
                throw new ProviderLocks.BusyException(request.provider(), (int) queueWaitSeconds);
            }
            running = concurrent.tryAcquire(queueWaitSeconds, TimeUnit.SECONDS);
            if (!running) {
                throw new ProviderLocks.BusyException(request.provider(), (int) queueWaitSeconds);
            }
            locks.ensure(request.provider());
            SpooledParts in = new SpooledParts(spooled.files());
            Map<String, BigDecimal> fx = fxTable();
            ImportContext context = new ImportContext(request.provider(), currency -> Optional.ofNullable(fx.get(currency)),
                    accelerators.vocabulary(), "lenient".equals(mode(request)));
            setTransactionTimeout(transactionTimeoutSeconds);
            long publishing = System.nanoTime();
            PriceBookPublisher.Published published = publisher.publish(source, reader, in, context,
                    (rows, offers, rejected) -> {
                        // Each report is a transaction of its own (with a commit to disk): at most a few
                        // per second, so progress does not cost the import its throughput.
                        long now = System.nanoTime();
                        if (now - lastProgress[0] < PROGRESS_INTERVAL_NANOS) {
                            return;
                        }
                        lastProgress[0] = now;
                        runs.progress(runId, in.bytesRead(), spooled.bytes(), rows, offers, rejected);
                        LOGGER.info(() -> String.format("import %d: %.1f%% (%d offers, %d rejected)",
                                runId, 100.0 * in.bytesRead() / Math.max(1, spooled.bytes()), offers, rejected));
                    }, maxReportedRejections);
            if (published.unchanged()) {
                runs.finish(runId, new ImportRuns.Outcome(ImportRun.Status.UNCHANGED, null, "identical to the source of"
                        + " price-book version " + published.versionId() + "; nothing changed", published.versionId(),
                        0, 0, List.of(), 0, List.of(), 0));
                return;
            }
            runs.finish(runId, new ImportRuns.Outcome(ImportRun.Status.SUCCEEDED, null, published.rejectedCount() == 0
                    ? null : published.rejectedCount() + " rows rejected (lenient mode kept the good rows)",
                    published.versionId(), published.rowsRead(), published.offersCreated(), published.rejected(),
                    published.rejectedCount(), published.warnings(), published.warningCount()));
            importMetrics.published(request.provider(), published.rowsRead(), System.nanoTime() - publishing);
            LOGGER.info(() -> String.format("import %d: version %d with %d offers in %.1f s", runId,
                    published.versionId(), published.offersCreated(), (System.nanoTime() - started) / 1e9));
        } catch (PriceBookPublisher.RefusedException e) {
            runs.finish(runId, ImportRuns.Outcome.failed(ImportRun.Reason.REFUSED, e.getMessage(), e.rowsRead(),
                    e.rejected(), e.rejectedCount()));
        } catch (ImportFormatException e) {
            runs.finish(runId, ImportRuns.Outcome.failed(ImportRun.Reason.REFUSED, e.getMessage(), e.line(),
                    List.of(new RejectedRow(e.line(), e.column(), e.getMessage())), 1));
        } catch (ProviderLocks.BusyException e) {
            runs.finish(runId, ImportRuns.Outcome.failed(ImportRun.Reason.BUSY, e.getMessage(), 0, List.of(), 0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            runs.finish(runId, ImportRuns.Outcome.failed(ImportRun.Reason.INTERRUPTED, "interrupted: the service"
                    + " stopped before the import finished; nothing of it was published", 0, List.of(), 0));
        } catch (IOException | RuntimeException e) {
            // The cause stays in the log: its message may carry SQL, row values or file content.
            String errorId = UUID.randomUUID().toString();
            LOGGER.log(Level.SEVERE, "import " + runId + " failed, error id " + errorId, e);
            runs.finish(runId, ImportRuns.Outcome.failed(ImportRun.Reason.ERROR, "the import failed unexpectedly and"
                    + " nothing was published; quote error id " + errorId + " when reporting it", 0, List.of(), 0));
        } finally {
            try {
                transactions.setTransactionTimeout(0);
            } catch (jakarta.transaction.SystemException | RuntimeException e) {
                LOGGER.log(Level.FINE, "resetting the transaction timeout", e);
            }
            if (running) {
                concurrent.release();
            }
            if (locked) {
                providerLock.unlock();
            }
            deleteQuietly(directory);
        }
    }

    private Map<String, BigDecimal> fxTable() {
        Map<String, BigDecimal> table = fxRates.list().stream()
                .collect(Collectors.toMap(FxRate::currency, FxRate::usdPerUnit));
        table.put(FxRates.USD, BigDecimal.ONE);
        return table;
    }

    private PriceListReader validate(Request request) {
        if (request.provider() == null || !PROVIDER.matcher(request.provider()).matches()) {
            throw ProblemException.badRequest("A provider is required.",
                    FieldError.field("provider", "lowercase provider name such as aws, gcp, azure, onprem"));
        }
        if (request.mode() != null && !request.mode().equals("strict") && !request.mode().equals("lenient")) {
            throw ProblemException.badRequest("Unknown mode.", FieldError.field("mode", "strict (default) or lenient"));
        }
        return formats.reader(request.format()).orElseThrow(() -> ProblemException.badRequest("Unknown format.",
                FieldError.field("format", "one of " + formats.formats())));
    }

    private static String mode(Request request) {
        return request.mode() == null ? "strict" : request.mode();
    }

    private record Spooled(List<Path> files, long bytes, String sha256) {
    }

    private Spooled spool(List<Part> parts, Path directory) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files = new java.util.ArrayList<>();
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        for (Part part : parts) {
            Path target = directory.resolve("part-" + (files.size() + 1));
            long partBytes = 0;
            try (InputStream in = new DigestInputStream(part.open(), sha256);
                 OutputStream out = Files.newOutputStream(target)) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    partBytes += n;
                    if (bytes + partBytes > maxBytes) {
                        throw new ProblemException(413, "too-large", "Content too large",
                                "The upload exceeds pricing.import.max-bytes (" + maxBytes + " bytes).", List.of());
                    }
                    out.write(buffer, 0, n);
                }
            }
            if (partBytes == 0) {
                throw ProblemException.unprocessable(parts.size() == 1 ? "The file is empty." : "Part " + (files.size() + 1)
                        + " is empty.", List.of(FieldError.at(0, null, "empty file")));
            }
            if (parts.size() > 1) {
                // The boundary is part of the identity: the same bytes split differently are another upload.
                sha256.update(("\u0000part " + (files.size() + 1) + " " + partBytes + "\u0000").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            files.add(target);
            bytes += partBytes;
        }
        // One part hashes as the file alone, so a re-upload of a file matches its earlier version.
        return new Spooled(List.copyOf(files), bytes, HexFormat.of().formatHex(sha256.digest()));
    }

    /** The spooled parts, with the bytes read so far across all of them for progress. */
    static final class SpooledParts implements PriceListParts {
        private final List<Path> files;
        private volatile long done;
        private volatile CountingInputStream open;

        SpooledParts(List<Path> files) {
            this.files = files;
        }

        @Override
        public int count() {
            return files.size();
        }

        @Override
        public InputStream open(int index) throws IOException {
            CountingInputStream previous = open;
            if (previous != null) {
                done += previous.count();
            }
            open = new CountingInputStream(Files.newInputStream(files.get(index)));
            return open;
        }

        long bytesRead() {
            CountingInputStream current = open;
            return done + (current == null ? 0 : current.count());
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOGGER.warning("could not delete " + path + ": " + e.getMessage());
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Counts bytes as the reader consumes them, for progress. */
    static final class CountingInputStream extends java.io.FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** For the transactions this thread begins next (0: the transaction manager's default). */
    private void setTransactionTimeout(int seconds) {
        try {
            transactions.setTransactionTimeout(seconds);
        } catch (jakarta.transaction.SystemException e) {
            throw new IllegalStateException("cannot set the import's transaction timeout", e);
        }
    }
}
