-- The committee's decisions (who, when, why) and the discussion around a version.
CREATE TABLE review_decision (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    model_version_id BIGINT        NOT NULL,
    action           VARCHAR(16)   NOT NULL,
    from_status      VARCHAR(16)   NOT NULL,
    to_status        VARCHAR(16)   NOT NULL,
    reason           VARCHAR(2000) NULL,
    decided_by       VARCHAR(128)  NOT NULL,
    decided_at       TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_review_decision PRIMARY KEY (id),
    CONSTRAINT fk_review_decision_version FOREIGN KEY (model_version_id) REFERENCES model_version (id)
);
CREATE INDEX ix_review_decision_version ON review_decision (model_version_id, id);

CREATE TABLE review_comment (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    model_version_id BIGINT        NOT NULL,
    body             VARCHAR(4000) NOT NULL,
    author           VARCHAR(128)  NOT NULL,
    created_at       TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_review_comment PRIMARY KEY (id),
    CONSTRAINT fk_review_comment_version FOREIGN KEY (model_version_id) REFERENCES model_version (id)
);
CREATE INDEX ix_review_comment_version ON review_comment (model_version_id, id);
