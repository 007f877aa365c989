package dev.inferplan.catalog.tasks;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A task in the open vocabulary (image-classification, text-embedding, ...). */
@Entity
@Table(name = "task")
public class Task {

    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "description", nullable = false, length = 500)
    private String description;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 128)
    private String createdBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Task() {
        // JPA
    }

    Task(String name, String description, Instant createdAt, String createdBy) {
        this.name = name;
        this.description = description;
        this.createdAt = createdAt;
        this.createdBy = createdBy;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }
}
