package dev.inferplan.catalog.families;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A model line: a name, a task from the registry, an owner team, a licence. Name and task never change. */
@Entity
@Table(name = "model_family")
public class ModelFamily {

    @Id
    private long id;
    private String name;
    private String task;
    private String owner;
    private String description;
    private String license;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected ModelFamily() {
        // JPA
    }

    void change(String owner, String description, String license, Instant at) {
        this.owner = owner;
        this.description = description;
        this.license = license;
        this.updatedAt = at;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String task() {
        return task;
    }

    public String owner() {
        return owner;
    }

    public String description() {
        return description;
    }

    public String license() {
        return license;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The optimistic-lock version, exposed to clients as {@code revision}. */
    public long revision() {
        return version;
    }
}
