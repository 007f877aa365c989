-- Model families (one model line: a name, a task from the registry, an owner team) and their
-- versions. A version carries its ONNX artifact, its lineage, its place in the review workflow
-- and its tier. Columns the search filters on (task, status, tier) live on the version row so a
-- search reads one table; task is copied from the family, whose task never changes.
CREATE TABLE model_family (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    name        VARCHAR(128)  NOT NULL,
    task        VARCHAR(64)   NOT NULL,
    owner       VARCHAR(128)  NOT NULL,
    description VARCHAR(2000) NOT NULL,
    license     VARCHAR(128)  NOT NULL,
    created_at  TIMESTAMP(6)  NOT NULL,
    created_by  VARCHAR(128)  NOT NULL,
    updated_at  TIMESTAMP(6)  NOT NULL,
    version     BIGINT        NOT NULL,
    CONSTRAINT pk_model_family PRIMARY KEY (id),
    CONSTRAINT uq_model_family_name UNIQUE (name),
    CONSTRAINT fk_model_family_task FOREIGN KEY (task) REFERENCES task (name)
);

CREATE TABLE model_version (
    id                   BIGINT        NOT NULL AUTO_INCREMENT,
    family_id            BIGINT        NOT NULL,
    task                 VARCHAR(64)   NOT NULL,
    label                VARCHAR(64)   NOT NULL,
    status               VARCHAR(16)   NOT NULL,
    -- The tier in force: the committee's override if any, else the policy's proposal.
    tier                 VARCHAR(8)    NULL,
    proposed_tier        VARCHAR(8)    NULL,
    tier_override        VARCHAR(8)    NULL,
    tier_override_reason VARCHAR(2000) NULL,
    tier_override_by     VARCHAR(128)  NULL,
    tier_override_at     TIMESTAMP(6)  NULL,
    -- The artifact: absent for a version registered before its ONNX export exists.
    artifact_uri         VARCHAR(1000) NULL,
    artifact_sha256      CHAR(64)      NULL,
    artifact_size_bytes  BIGINT        NULL,
    artifact_format      VARCHAR(16)   NULL,
    artifact_opset       INT           NULL,
    -- Filled by the runner the first time it loads the model: {"inputs": [...], "outputs": [...]}.
    io_signature         TEXT          NULL,
    lineage_kind         VARCHAR(32)   NULL,
    parent_version_id    BIGINT        NULL,
    -- Lowercased family name, label and description: what the free-text search matches.
    search_text          VARCHAR(2400) NOT NULL,
    created_at           TIMESTAMP(6)  NOT NULL,
    created_by           VARCHAR(128)  NOT NULL,
    updated_at           TIMESTAMP(6)  NOT NULL,
    version              BIGINT        NOT NULL,
    CONSTRAINT pk_model_version PRIMARY KEY (id),
    CONSTRAINT uq_model_version_label UNIQUE (family_id, label),
    CONSTRAINT fk_model_version_family FOREIGN KEY (family_id) REFERENCES model_family (id),
    CONSTRAINT fk_model_version_parent FOREIGN KEY (parent_version_id) REFERENCES model_version (id)
);
CREATE INDEX ix_version_status_task ON model_version (status, task, tier, id);
CREATE INDEX ix_version_task ON model_version (task, id);
CREATE INDEX ix_version_tier ON model_version (tier, id);
