package io.terrarium.domain.model.namespace;

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
 * A namespace: the folder of environments a team owns, unique by name, soft-deleted by setting {@code deletedOn}.
 */
@Entity
@Table(name = "namespace", uniqueConstraints = @UniqueConstraint(name = "uq_namespace_name", columnNames = "name"))
public class Namespace {

    @Id
    @SequenceGenerator(name = "namespace_seq", sequenceName = "namespace_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "namespace_seq")
    private Long id;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    /** Free-form JSON object text; never null ({@code {}} when empty). */
    @Lob
    @Column(name = "metadata_json")
    private String metadataJson;

    @Column(name = "deleted_on")
    private LocalDateTime deletedOn;

    protected Namespace() {}

    public Namespace(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.metadataJson = "{}";
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getMetadataJson() {
        return metadataJson == null ? "{}" : metadataJson;
    }

    public void setMetadataJson(String metadataJson) {
        this.metadataJson = metadataJson == null ? "{}" : metadataJson;
    }

    public LocalDateTime getDeletedOn() {
        return deletedOn;
    }

    public boolean isDeleted() {
        return deletedOn != null;
    }

    public void markDeleted(LocalDateTime when) {
        this.deletedOn = when;
    }

    /** Brings a soft-deleted namespace back, as creating it again does. */
    public void restore() {
        this.deletedOn = null;
    }
}
