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
import java.util.Objects;

/**
 * conda-store's v1 namespace role mapping: an entity whose primary namespace is {@link #getNamespace()} holds
 * {@link #getRole()} on every resource the ARN pattern {@link #getEntity()} names.
 */
@Entity
@Table(name = "namespace_role_mapping")
public class NamespaceRoleMapping {

    @Id
    @SequenceGenerator(
            name = "namespace_role_mapping_seq",
            sequenceName = "namespace_role_mapping_seq",
            allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "namespace_role_mapping_seq")
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "namespace_id", nullable = false)
    private Namespace namespace;

    /** An ARN pattern such as {@code team-*}/{@code *}, validated by the application before it is stored. */
    @Column(name = "entity", nullable = false, length = 255)
    private String entity;

    /** {@code viewer}, {@code developer} or {@code admin} ({@code editor} is stored as developer). */
    @Column(name = "role", nullable = false, length = 255)
    private String role;

    protected NamespaceRoleMapping() {}

    public NamespaceRoleMapping(Namespace namespace, String entity, String role) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.entity = Objects.requireNonNull(entity, "entity");
        this.role = Objects.requireNonNull(role, "role");
    }

    public Long getId() {
        return id;
    }

    public Namespace getNamespace() {
        return namespace;
    }

    public String getEntity() {
        return entity;
    }

    public String getRole() {
        return role;
    }
}
