package io.terrarium.domain.model.namespace;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.util.Objects;

/**
 * conda-store's v2 namespace role mapping: every entity whose primary namespace is {@link #getOtherNamespace()}
 * holds {@link #getRole()} on {@link #getNamespace()} and all its environments; one mapping per pair.
 */
@Entity
@Table(
        name = "namespace_role_mapping_v2",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uq_namespace_role_mapping_v2_pair",
                        columnNames = {"namespace_id", "other_namespace_id"}))
public class NamespaceRoleMappingV2 {

    @Id
    @SequenceGenerator(
            name = "namespace_role_mapping_v2_seq",
            sequenceName = "namespace_role_mapping_v2_seq",
            allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "namespace_role_mapping_v2_seq")
    private Long id;

    /** The namespace access is given to. */
    @ManyToOne(optional = false)
    @JoinColumn(name = "namespace_id", nullable = false)
    private Namespace namespace;

    /** The primary namespace of the entities that receive the role. */
    @ManyToOne(optional = false)
    @JoinColumn(name = "other_namespace_id", nullable = false)
    private Namespace otherNamespace;

    /** {@code viewer}, {@code developer} or {@code admin} ({@code editor} is stored as developer). */
    @Column(name = "role", nullable = false, length = 255)
    private String role;

    protected NamespaceRoleMappingV2() {}

    public NamespaceRoleMappingV2(Namespace namespace, Namespace otherNamespace, String role) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.otherNamespace = Objects.requireNonNull(otherNamespace, "otherNamespace");
        this.role = Objects.requireNonNull(role, "role");
    }

    public Long getId() {
        return id;
    }

    public Namespace getNamespace() {
        return namespace;
    }

    public Namespace getOtherNamespace() {
        return otherNamespace;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = Objects.requireNonNull(role, "role");
    }
}
