package dev.inferplan.pricing.book;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One import's snapshot of one provider's prices; superseded (not deleted) by the next one. */
@Entity
@Table(name = "price_book_version")
public class PriceBookVersion {

    @Id
    private long id;
    private String provider;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "superseded_at")
    private Instant supersededAt;
    private String format;
    @Column(name = "source_name")
    private String sourceName;
    @Column(name = "source_sha256")
    private String sourceSha256;
    @Column(name = "offer_count")
    private int offerCount;
    @Column(name = "imported_by")
    private String importedBy;

    protected PriceBookVersion() {
        // JPA
    }

    public long id() {
        return id;
    }

    public String provider() {
        return provider;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Null while this is the provider's current version. */
    public Instant supersededAt() {
        return supersededAt;
    }

    public String format() {
        return format;
    }

    public String sourceName() {
        return sourceName;
    }

    public String sourceSha256() {
        return sourceSha256;
    }

    public int offerCount() {
        return offerCount;
    }

    public String importedBy() {
        return importedBy;
    }
}
