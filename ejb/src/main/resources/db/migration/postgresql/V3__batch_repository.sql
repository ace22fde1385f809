-- The Jakarta Batch job repository of Payara's JBatch (table prefix "jbatch", in the application's data source),
-- created here so no server makes it lazily: on PostgreSQL JBatch's own DDL ran inside the caller's JTA transaction
-- and its tables stayed invisible to its other connection. The shapes are exactly what Payara 6.2025.10 made
-- (pg_dump of a server of commit 44a02c3); IF NOT EXISTS keeps a database where JBatch already made them as it is.

CREATE TABLE IF NOT EXISTS jbatchjobinstancedata (
    jobinstanceid serial PRIMARY KEY,
    name character varying(512),
    apptag character varying(512)
);

CREATE TABLE IF NOT EXISTS jbatchexecutioninstancedata (
    jobexecid serial PRIMARY KEY,
    jobinstanceid bigint NOT NULL REFERENCES jbatchjobinstancedata (jobinstanceid),
    createtime timestamp without time zone,
    starttime timestamp without time zone,
    endtime timestamp without time zone,
    updatetime timestamp without time zone,
    parameters bytea,
    batchstatus character varying(512),
    exitstatus character varying(512)
);

CREATE TABLE IF NOT EXISTS jbatchstepexecutioninstancedata (
    stepexecid serial PRIMARY KEY,
    jobexecid bigint NOT NULL REFERENCES jbatchexecutioninstancedata (jobexecid),
    batchstatus character varying(512),
    exitstatus character varying(512),
    stepname character varying(512),
    readcount integer,
    writecount integer,
    commitcount integer,
    rollbackcount integer,
    readskipcount integer,
    processskipcount integer,
    filtercount integer,
    writeskipcount integer,
    starttime timestamp without time zone,
    endtime timestamp without time zone,
    persistentdata bytea
);

CREATE TABLE IF NOT EXISTS jbatchcheckpointdata (
    id character varying(512),
    obj bytea
);

CREATE TABLE IF NOT EXISTS jbatchjobstatus (
    id bigint NOT NULL REFERENCES jbatchjobinstancedata (jobinstanceid),
    obj bytea
);

CREATE TABLE IF NOT EXISTS jbatchstepstatus (
    id bigint NOT NULL REFERENCES jbatchstepexecutioninstancedata (stepexecid),
    obj bytea
);
