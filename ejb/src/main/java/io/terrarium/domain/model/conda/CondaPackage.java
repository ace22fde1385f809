package io.terrarium.domain.model.conda;

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
import java.util.Objects;

/**
 * A package name and version published in a channel (the builds of it are {@link CondaPackageBuild}s).
 */
@Entity
@Table(
        name = "conda_package",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uq_conda_package",
                        columnNames = {"channel_id", "name", "version"}))
public class CondaPackage {

    @Id
    @SequenceGenerator(name = "conda_package_seq", sequenceName = "conda_package_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conda_package_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "channel_id", nullable = false)
    private CondaChannel channel;

    @Column(name = "name", nullable = false, length = 255)
    private String name;

    @Column(name = "version", nullable = false, length = 64)
    private String version;

    @Lob
    @Column(name = "license")
    private String license;

    @Column(name = "license_family", length = 64)
    private String licenseFamily;

    @Lob
    @Column(name = "summary")
    private String summary;

    @Lob
    @Column(name = "description")
    private String description;

    protected CondaPackage() {}

    public CondaPackage(CondaChannel channel, String name, String version) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.name = Objects.requireNonNull(name, "name");
        this.version = Objects.requireNonNull(version, "version");
    }

    public Long getId() {
        return id;
    }

    public CondaChannel getChannel() {
        return channel;
    }

    public String getName() {
        return name;
    }

    public String getVersion() {
        return version;
    }

    public String getLicense() {
        return license;
    }

    public void setLicense(String license) {
        this.license = license;
    }

    public String getLicenseFamily() {
        return licenseFamily;
    }

    public void setLicenseFamily(String licenseFamily) {
        this.licenseFamily = licenseFamily;
    }

    public String getSummary() {
        return summary;
    }

    public void setSummary(String summary) {
        this.summary = summary;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
