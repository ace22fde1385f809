package io.terrarium.domain.model.environment;

import io.terrarium.domain.model.build.Build;
import io.terrarium.domain.model.namespace.Namespace;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A named environment in a namespace: a stable name that points at its current (active) build.
 */
@Entity
@Table(
        name = "environment",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uq_environment_ns_name",
                        columnNames = {"namespace_id", "name"}))
public class Environment {

    @Id
    @SequenceGenerator(name = "environment_seq", sequenceName = "environment_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "environment_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "namespace_id", nullable = false)
    private Namespace namespace;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Lob
    @Column(name = "description")
    private String description;

    @ManyToOne
    @JoinColumn(name = "current_build_id")
    private Build currentBuild;

    @Column(name = "deleted_on")
    private LocalDateTime deletedOn;

    protected Environment() {}

    public Environment(Namespace namespace, String name, String description) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        this.description = description;
    }

    public Long getId() {
        return id;
    }

    public Namespace getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Build getCurrentBuild() {
        return currentBuild;
    }

    public Long getCurrentBuildId() {
        return currentBuild == null ? null : currentBuild.getId();
    }

    public void setCurrentBuild(Build currentBuild) {
        this.currentBuild = currentBuild;
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

    public void restore() {
        this.deletedOn = null;
    }
}
