package dev.inferplan.catalog.reviews;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A comment in a version's review discussion. */
@Entity
@Table(name = "review_comment")
public class ReviewComment {

    @Id
    private long id;
    @Column(name = "model_version_id")
    private long modelVersionId;
    private String body;
    private String author;
    @Column(name = "created_at")
    private Instant createdAt;

    protected ReviewComment() {
        // JPA
    }

    public long id() {
        return id;
    }

    public long modelVersionId() {
        return modelVersionId;
    }

    public String body() {
        return body;
    }

    public String author() {
        return author;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
