package io.terrarium.domain.model.namespace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

    /** conda-store's v1 role mappings attached to this namespace; replaced as a whole, never edited one by one. */
    @OneToMany(mappedBy = "namespace", cascade = jakarta.persistence.CascadeType.ALL, orphanRemoval = true)
    @OrderBy("id")
    private List<NamespaceRoleMapping> roleMappings = new ArrayList<>();

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

    public List<NamespaceRoleMapping> getRoleMappings() {
        return Collections.unmodifiableList(roleMappings);
    }

    /**
     * Replaces every v1 role mapping of this namespace, as conda-store's namespace update does.
     *
     * @param entityRoles ARN pattern and role pairs, already validated, in the order they are to be listed
     */
    public void replaceRoleMappings(List<Map.Entry<String, String>> entityRoles) {
        roleMappings.clear();
        for (Map.Entry<String, String> entityRole : entityRoles) {
            roleMappings.add(new NamespaceRoleMapping(this, entityRole.getKey(), entityRole.getValue()));
        }
    }

    /** Brings a soft-deleted namespace back, as creating it again does. */
    public void restore() {
        this.deletedOn = null;
    }
}
