-- Webhooks (issue 13 §5): subscribers told of version status changes, job state changes and drift flags,
-- derived from the audit log after the position 'webhooks-audit' (event_cursor); each delivery and each of
-- its attempts kept (the delivery log).
CREATE TABLE webhook (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    url        VARCHAR(2000) NOT NULL,
    -- Comma-separated event names, e.g. "VERSION_STATUS_CHANGED,REVIEW_SUGGESTED".
    events     VARCHAR(200)  NOT NULL,
    -- The HMAC-SHA256 key of the signature header; never shown by the API.
    secret     VARCHAR(256)  NOT NULL,
    created_by VARCHAR(128)  NOT NULL,
    created_at TIMESTAMP(6)  NOT NULL,
    CONSTRAINT pk_webhook PRIMARY KEY (id)
);

CREATE TABLE webhook_delivery (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    webhook_id      BIGINT        NOT NULL,
    event           VARCHAR(32)   NOT NULL,
    audit_entry_id  BIGINT        NOT NULL,
    payload         MEDIUMTEXT    NOT NULL,
    -- PENDING (next_attempt_at says when), DELIVERED, or FAILED after the last attempt.
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at TIMESTAMP(6)  NULL,
    created_at      TIMESTAMP(6)  NOT NULL,
    delivered_at    TIMESTAMP(6)  NULL,
    CONSTRAINT pk_webhook_delivery PRIMARY KEY (id),
    CONSTRAINT uq_webhook_delivery UNIQUE (webhook_id, audit_entry_id),
    CONSTRAINT fk_webhook_delivery_webhook FOREIGN KEY (webhook_id) REFERENCES webhook (id)
);
CREATE INDEX ix_webhook_delivery_due ON webhook_delivery (status, next_attempt_at);

CREATE TABLE webhook_attempt (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    delivery_id BIGINT        NOT NULL,
    attempt     INT           NOT NULL,
    attempted_at TIMESTAMP(6) NOT NULL,
    -- The receiver's HTTP status, or null when none came (refused, timed out, address not allowed).
    status_code INT           NULL,
    error       VARCHAR(500)  NULL,
    CONSTRAINT pk_webhook_attempt PRIMARY KEY (id),
    CONSTRAINT fk_webhook_attempt_delivery FOREIGN KEY (delivery_id) REFERENCES webhook_delivery (id)
);

INSERT INTO event_cursor (name, position) VALUES ('webhooks-audit', 0);
