package dev.inferplan.pricing.imports;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One import, from upload to its outcome; kept whether it succeeded or not. */
@Entity
@Table(name = "import_run")
public class ImportRun {

    public enum Status { RUNNING, SUCCEEDED, FAILED, UNCHANGED }

    /** Why an import FAILED. */
    public enum Reason {
        /** The file, or rows of it, were refused (strict mode, or nothing importable): see the report. */
        REFUSED,
        /** Another import of the provider held the book longer than this one would wait. */
        BUSY,
        /** The instance running it stopped (crash, kill) before it finished. */
        INTERRUPTED,
        /** A configured source could not be read or fetched. */
        SOURCE_UNAVAILABLE,
        /** An unexpected failure, logged with an error id. */
        ERROR
    }

    @Id
    private Long id;
    private String provider;
    private String format;
    private String mode;
    @Column(name = "source_name")
    private String sourceName;
    @Column(name = "source_bytes")
    private long sourceBytes;
    private String status;
    private String reason;
    @Column(name = "warning_count")
    private long warningCount;
    private BigDecimal progress;
    @Column(name = "eta_seconds")
    private Long etaSeconds;
    @Column(name = "rows_read")
    private long rowsRead;
    @Column(name = "offers_created")
    private long offersCreated;
    @Column(name = "rejected_count")
    private long rejectedCount;
    private String detail;
    @Column(name = "version_id")
    private Long versionId;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "finished_at")
    private Instant finishedAt;
    @Column(name = "started_by")
    private String startedBy;

    protected ImportRun() {
        // JPA
    }

    void progress(BigDecimal percent, Long etaSeconds, long rowsRead, long offers, long rejected) {
        this.progress = percent;
        this.etaSeconds = etaSeconds;
        this.rowsRead = rowsRead;
        this.offersCreated = offers;
        this.rejectedCount = rejected;
    }

    void finish(ImportRuns.Outcome outcome, Instant at) {
        this.status = outcome.status().name();
        this.reason = outcome.reason() == null ? null : outcome.reason().name();
        String detail = outcome.detail();
        this.detail = detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000);
        this.versionId = outcome.versionId();
        this.rowsRead = outcome.rowsRead();
        this.offersCreated = outcome.offers();
        this.rejectedCount = outcome.rejectedCount();
        this.warningCount = outcome.warningCount();
        this.finishedAt = at;
        this.etaSeconds = 0L;
        if (outcome.status() != Status.FAILED) {
            this.progress = BigDecimal.valueOf(100);
        }
    }

    public long id() {
        return id;
    }

    public String provider() {
        return provider;
    }

    public String format() {
        return format;
    }

    public String mode() {
        return mode;
    }

    public String sourceName() {
        return sourceName;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    /** Why it FAILED; null otherwise. */
    public Reason reason() {
        return reason == null ? null : Reason.valueOf(reason);
    }

    public long warningCount() {
        return warningCount;
    }

    public BigDecimal progress() {
        return progress;
    }

    public Long etaSeconds() {
        return etaSeconds;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long offersCreated() {
        return offersCreated;
    }

    public long rejectedCount() {
        return rejectedCount;
    }

    public String detail() {
        return detail;
    }

    public Long versionId() {
        return versionId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
