package io.terrarium.domain.model.build;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.Objects;

/**
 * One file a build produced (log, lockfile, export, archive, prefix directory), located by its storage key.
 */
@Entity
@Table(name = "build_artifact")
public class BuildArtifact {

    @Id
    @SequenceGenerator(name = "build_artifact_seq", sequenceName = "build_artifact_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "build_artifact_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "build_id", nullable = false)
    private Build build;

    @Enumerated(EnumType.STRING)
    @Column(name = "artifact_type", nullable = false, length = 32)
    private BuildArtifactType artifactType;

    /** Storage key relative to the artifact storage root, or the absolute prefix path for DIRECTORY. */
    @Column(name = "artifact_key", nullable = false, length = 1024)
    private String key;

    protected BuildArtifact() {}

    BuildArtifact(Build build, BuildArtifactType artifactType, String key) {
        this.build = Objects.requireNonNull(build, "build");
        this.artifactType = Objects.requireNonNull(artifactType, "artifactType");
        this.key = Objects.requireNonNull(key, "key");
    }

    public Long getId() {
        return id;
    }

    public Build getBuild() {
        return build;
    }

    public BuildArtifactType getArtifactType() {
        return artifactType;
    }

    public String getKey() {
        return key;
    }
}
