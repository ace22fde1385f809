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
 * One concrete build of a package (build string, number, subdir, hashes): what a build actually installs.
 */
@Entity
@Table(
        name = "conda_package_build",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uq_conda_package_build",
                        columnNames = {"channel_id", "package_id", "subdir", "build", "build_number", "sha256"}))
public class CondaPackageBuild {

    @Id
    @SequenceGenerator(name = "conda_package_build_seq", sequenceName = "conda_package_build_seq", allocationSize = 20)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "conda_package_build_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "package_id", nullable = false)
    private CondaPackage condaPackage;

    @ManyToOne(optional = false)
    @JoinColumn(name = "channel_id", nullable = false)
    private CondaChannel channel;

    @Column(name = "build", nullable = false, length = 64)
    private String build;

    @Column(name = "build_number", nullable = false)
    private long buildNumber;

    /** JSON array of match specs. */
    @Lob
    @Column(name = "depends_json")
    private String dependsJson;

    /** JSON array of match specs. */
    @Lob
    @Column(name = "constrains_json")
    private String constrainsJson;

    @Column(name = "md5", length = 32)
    private String md5;

    @Column(name = "sha256", length = 64)
    private String sha256;

    @Column(name = "archive_size")
    private long size;

    @Column(name = "subdir", length = 64)
    private String subdir;

    /** Build time in milliseconds since the epoch, 0 when unknown. */
    @Column(name = "build_timestamp")
    private long timestamp;

    protected CondaPackageBuild() {}

    public CondaPackageBuild(CondaPackage condaPackage, String subdir, String build, long buildNumber, String sha256) {
        this.condaPackage = Objects.requireNonNull(condaPackage, "condaPackage");
        this.channel = condaPackage.getChannel();
        this.subdir = subdir;
        this.build = Objects.requireNonNull(build, "build");
        this.buildNumber = buildNumber;
        this.sha256 = sha256;
    }

    public Long getId() {
        return id;
    }

    public CondaPackage getCondaPackage() {
        return condaPackage;
    }

    public CondaChannel getChannel() {
        return channel;
    }

    public String getBuild() {
        return build;
    }

    public long getBuildNumber() {
        return buildNumber;
    }

    public String getDependsJson() {
        return dependsJson;
    }

    public void setDependsJson(String dependsJson) {
        this.dependsJson = dependsJson;
    }

    public String getConstrainsJson() {
        return constrainsJson;
    }

    public void setConstrainsJson(String constrainsJson) {
        this.constrainsJson = constrainsJson;
    }

    public String getMd5() {
        return md5;
    }

    public void setMd5(String md5) {
        this.md5 = md5;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSize() {
        return size;
    }

    public void setSize(long size) {
        this.size = size;
    }

    public String getSubdir() {
        return subdir;
    }

    public long getTimestamp() {
        return timestamp;
    }

    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }
}
