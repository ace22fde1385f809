package io.terrarium.domain.model.specification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A validated environment specification (or conda-lock lockfile), stored once per content hash and shared by
 * every build and namespace that asks for the same content.
 */
@Entity
@Table(
        name = "specification",
        uniqueConstraints = @UniqueConstraint(name = "uq_specification_sha256", columnNames = "sha256"))
public class Specification {

    @Id
    @SequenceGenerator(name = "specification_seq", sequenceName = "specification_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "specification_seq")
    private Long id;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    /** The validated specification as a JSON object (the model conda-store hashes). */
    @Lob
    @Column(name = "spec_json", nullable = false)
    private String specJson;

    @Column(name = "sha256", nullable = false, length = 64)
    private String sha256;

    @Column(name = "is_lockfile", nullable = false)
    private boolean lockfile;

    @Column(name = "created_on", nullable = false)
    private LocalDateTime createdOn;

    protected Specification() {}

    public Specification(String name, String specJson, String sha256, boolean lockfile, LocalDateTime createdOn) {
        this.name = Objects.requireNonNull(name, "name");
        this.specJson = Objects.requireNonNull(specJson, "specJson");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.lockfile = lockfile;
        this.createdOn = Objects.requireNonNull(createdOn, "createdOn");
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getSpecJson() {
        return specJson;
    }

    public String getSha256() {
        return sha256;
    }

    public boolean isLockfile() {
        return lockfile;
    }

    public LocalDateTime getCreatedOn() {
        return createdOn;
    }
}
