package io.terrarium.domain.model.conda;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * A conda channel packages came from, by its normalised URL (e.g. {@code https://conda.anaconda.org/conda-forge}).
 */
@Entity
@Table(
        name = "conda_channel",
        uniqueConstraints = @UniqueConstraint(name = "uq_conda_channel_name", columnNames = "name"))
public class CondaChannel {

    @Id
    @SequenceGenerator(name = "conda_channel_seq", sequenceName = "conda_channel_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conda_channel_seq")
    private Long id;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Column(name = "last_update")
    private LocalDateTime lastUpdate;

    protected CondaChannel() {}

    public CondaChannel(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public LocalDateTime getLastUpdate() {
        return lastUpdate;
    }

    public void setLastUpdate(LocalDateTime lastUpdate) {
        this.lastUpdate = lastUpdate;
    }
}
