-- Baseline: the application schema exactly as EclipseLink's create-or-extend-tables made it on PostgreSQL before
-- Flyway took over (taken with pg_dump -s from a server of commit 44a02c3 after a build ran). A database that
-- already holds these tables is baselined at version 1 instead of running this script. The Jakarta Batch
-- repository tables are not here: JBatch made them lazily, so an existing database may lack them (see V3).

CREATE TABLE build (
    id bigint NOT NULL,
    attempt integer,
    build_key_version integer NOT NULL,
    deleted_on timestamp without time zone,
    ended_on timestamp without time zone,
    handed_over_on timestamp without time zone,
    key_hash character varying(32),
    job_execution_id character varying(64),
    progress_done integer,
    progress_step character varying(32),
    progress_total integer,
    scheduled_on timestamp without time zone NOT NULL,
    server_instance character varying(255),
    build_size bigint NOT NULL,
    started_on timestamp without time zone,
    status character varying(16) NOT NULL,
    status_info text,
    worker_id character varying(36),
    environment_id bigint NOT NULL,
    specification_id bigint NOT NULL
);

CREATE TABLE build_artifact (
    id bigint NOT NULL,
    artifact_type character varying(32) NOT NULL,
    artifact_key character varying(1024) NOT NULL,
    build_id bigint NOT NULL
);

CREATE SEQUENCE build_artifact_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE build_conda_package_build (
    build_id bigint NOT NULL,
    conda_package_build_id bigint NOT NULL
);

CREATE SEQUENCE build_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE conda_channel (
    id bigint NOT NULL,
    last_update timestamp without time zone,
    name character varying(255) NOT NULL
);

CREATE SEQUENCE conda_channel_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE conda_package (
    id bigint NOT NULL,
    description text,
    license text,
    license_family character varying(64),
    name character varying(255) NOT NULL,
    summary text,
    version character varying(64) NOT NULL,
    channel_id bigint NOT NULL
);

CREATE TABLE conda_package_build (
    id bigint NOT NULL,
    build character varying(64) NOT NULL,
    build_number bigint NOT NULL,
    constrains_json text,
    depends_json text,
    md5 character varying(32),
    sha256 character varying(64),
    archive_size bigint,
    subdir character varying(64),
    build_timestamp bigint,
    channel_id bigint NOT NULL,
    package_id bigint NOT NULL
);

CREATE SEQUENCE conda_package_build_seq
    START WITH 20
    INCREMENT BY 20
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE conda_package_seq
    START WITH 20
    INCREMENT BY 20
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE environment (
    id bigint NOT NULL,
    deleted_on timestamp without time zone,
    description text,
    name character varying(255) NOT NULL,
    current_build_id bigint,
    namespace_id bigint NOT NULL
);

CREATE SEQUENCE environment_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE namespace (
    id bigint NOT NULL,
    deleted_on timestamp without time zone,
    metadata_json text,
    name character varying(255) NOT NULL
);

CREATE SEQUENCE namespace_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE setting (
    id bigint NOT NULL,
    setting_key character varying(255) NOT NULL,
    prefix character varying(600) NOT NULL,
    value_json text NOT NULL
);

CREATE SEQUENCE setting_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE specification (
    id bigint NOT NULL,
    created_on timestamp without time zone NOT NULL,
    is_lockfile boolean NOT NULL,
    name character varying(255) NOT NULL,
    sha256 character varying(64) NOT NULL,
    spec_json text NOT NULL
);

CREATE SEQUENCE specification_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE terrarium_job_owner (
    job_execution_id bigint NOT NULL,
    attempt integer,
    build_id bigint NOT NULL,
    started_on timestamp without time zone NOT NULL,
    server_instance character varying(255) NOT NULL
);

CREATE TABLE terrarium_outbox (
    id bigint NOT NULL,
    attempt integer,
    build_id bigint NOT NULL,
    created_on timestamp without time zone NOT NULL,
    restart_execution_id bigint
);

CREATE SEQUENCE terrarium_outbox_seq
    START WITH 20
    INCREMENT BY 20
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE terrarium_worker (
    id character varying(36) NOT NULL,
    capacity integer NOT NULL,
    host character varying(255) NOT NULL,
    last_heartbeat timestamp without time zone NOT NULL,
    name character varying(255) NOT NULL,
    pid bigint NOT NULL,
    http_port integer NOT NULL,
    roles character varying(64) NOT NULL,
    started_on timestamp without time zone NOT NULL,
    stopped_on timestamp without time zone
);

ALTER TABLE build_artifact
    ADD CONSTRAINT build_artifact_pkey PRIMARY KEY (id);

ALTER TABLE build_conda_package_build
    ADD CONSTRAINT build_conda_package_build_pkey PRIMARY KEY (build_id, conda_package_build_id);

ALTER TABLE build
    ADD CONSTRAINT build_pkey PRIMARY KEY (id);

ALTER TABLE conda_channel
    ADD CONSTRAINT conda_channel_pkey PRIMARY KEY (id);

ALTER TABLE conda_package_build
    ADD CONSTRAINT conda_package_build_pkey PRIMARY KEY (id);

ALTER TABLE conda_package
    ADD CONSTRAINT conda_package_pkey PRIMARY KEY (id);

ALTER TABLE environment
    ADD CONSTRAINT environment_pkey PRIMARY KEY (id);

ALTER TABLE namespace
    ADD CONSTRAINT namespace_pkey PRIMARY KEY (id);

ALTER TABLE setting
    ADD CONSTRAINT setting_pkey PRIMARY KEY (id);

ALTER TABLE specification
    ADD CONSTRAINT specification_pkey PRIMARY KEY (id);

ALTER TABLE terrarium_job_owner
    ADD CONSTRAINT terrarium_job_owner_pkey PRIMARY KEY (job_execution_id);

ALTER TABLE terrarium_outbox
    ADD CONSTRAINT terrarium_outbox_pkey PRIMARY KEY (id);

ALTER TABLE terrarium_worker
    ADD CONSTRAINT terrarium_worker_pkey PRIMARY KEY (id);

ALTER TABLE conda_channel
    ADD CONSTRAINT uq_conda_channel_name UNIQUE (name);

ALTER TABLE conda_package
    ADD CONSTRAINT uq_conda_package UNIQUE (channel_id, name, version);

ALTER TABLE conda_package_build
    ADD CONSTRAINT uq_conda_package_build UNIQUE (channel_id, package_id, subdir, build, build_number, sha256);

ALTER TABLE environment
    ADD CONSTRAINT uq_environment_ns_name UNIQUE (namespace_id, name);

ALTER TABLE namespace
    ADD CONSTRAINT uq_namespace_name UNIQUE (name);

ALTER TABLE setting
    ADD CONSTRAINT uq_setting_prefix_key UNIQUE (prefix, setting_key);

ALTER TABLE specification
    ADD CONSTRAINT uq_specification_sha256 UNIQUE (sha256);

ALTER TABLE build_artifact
    ADD CONSTRAINT fk_build_artifact_build_id FOREIGN KEY (build_id) REFERENCES build(id);

ALTER TABLE build_conda_package_build
    ADD CONSTRAINT fk_build_conda_package_build_build_id FOREIGN KEY (build_id) REFERENCES build(id);

ALTER TABLE build_conda_package_build
    ADD CONSTRAINT fk_build_conda_package_build_conda_package_build_id FOREIGN KEY (conda_package_build_id) REFERENCES conda_package_build(id);

ALTER TABLE build
    ADD CONSTRAINT fk_build_environment_id FOREIGN KEY (environment_id) REFERENCES environment(id);

ALTER TABLE build
    ADD CONSTRAINT fk_build_specification_id FOREIGN KEY (specification_id) REFERENCES specification(id);

ALTER TABLE conda_package_build
    ADD CONSTRAINT fk_conda_package_build_channel_id FOREIGN KEY (channel_id) REFERENCES conda_channel(id);

ALTER TABLE conda_package_build
    ADD CONSTRAINT fk_conda_package_build_package_id FOREIGN KEY (package_id) REFERENCES conda_package(id);

ALTER TABLE conda_package
    ADD CONSTRAINT fk_conda_package_channel_id FOREIGN KEY (channel_id) REFERENCES conda_channel(id);

ALTER TABLE environment
    ADD CONSTRAINT fk_environment_current_build_id FOREIGN KEY (current_build_id) REFERENCES build(id);

ALTER TABLE environment
    ADD CONSTRAINT fk_environment_namespace_id FOREIGN KEY (namespace_id) REFERENCES namespace(id);
