-- conda-store's namespace role mappings (issue 10), portable to H2 2.x and PostgreSQL.
-- v1: an entity whose primary namespace is namespace_id holds role on what the ARN pattern "entity" names.
-- v2: entities whose primary namespace is other_namespace_id hold role on namespace_id and its environments.
-- Ids come from sequences (allocation size 1), as for every other table of the persistence unit.

CREATE SEQUENCE namespace_role_mapping_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE namespace_role_mapping (
    id BIGINT NOT NULL,
    namespace_id BIGINT NOT NULL,
    entity VARCHAR(255) NOT NULL,
    role VARCHAR(255) NOT NULL,
    CONSTRAINT pk_namespace_role_mapping PRIMARY KEY (id),
    CONSTRAINT fk_namespace_role_mapping_namespace FOREIGN KEY (namespace_id) REFERENCES namespace (id)
);

-- every request of an authenticated caller reads the mappings of its primary namespace
CREATE INDEX ix_namespace_role_mapping_namespace ON namespace_role_mapping (namespace_id);

CREATE SEQUENCE namespace_role_mapping_v2_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE namespace_role_mapping_v2 (
    id BIGINT NOT NULL,
    namespace_id BIGINT NOT NULL,
    other_namespace_id BIGINT NOT NULL,
    role VARCHAR(255) NOT NULL,
    CONSTRAINT pk_namespace_role_mapping_v2 PRIMARY KEY (id),
    CONSTRAINT uq_namespace_role_mapping_v2_pair UNIQUE (namespace_id, other_namespace_id),
    CONSTRAINT fk_namespace_role_mapping_v2_namespace FOREIGN KEY (namespace_id) REFERENCES namespace (id),
    CONSTRAINT fk_namespace_role_mapping_v2_other FOREIGN KEY (other_namespace_id) REFERENCES namespace (id)
);

-- every request of an authenticated caller reads the mappings whose other namespace is its primary namespace
CREATE INDEX ix_namespace_role_mapping_v2_other ON namespace_role_mapping_v2 (other_namespace_id);
