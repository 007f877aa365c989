-- Accelerators an admin added to the standard vocabulary (contracts' accelerators.csv): every import
-- after the addition resolves their names. aliases: '|'-separated, as in accelerators.csv.
CREATE TABLE accelerator_definition (
    id           VARCHAR(64)    NOT NULL,
    vendor       VARCHAR(64)    NOT NULL,
    display_name VARCHAR(128)   NOT NULL,
    memory_gib   DECIMAL(10, 2) NULL,
    kind         VARCHAR(16)    NOT NULL,
    aliases      VARCHAR(2000)  NOT NULL,
    created_at   TIMESTAMP(6)   NOT NULL,
    created_by   VARCHAR(128)   NOT NULL,
    CONSTRAINT pk_accelerator_definition PRIMARY KEY (id)
);

-- Who changed what in the price book's reference data, and when; rows are only ever added.
CREATE TABLE pricing_audit (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    at          TIMESTAMP(6)  NOT NULL,
    actor       VARCHAR(128)  NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    entity_type VARCHAR(64)   NOT NULL,
    entity_id   VARCHAR(128)  NOT NULL,
    detail      VARCHAR(4000) NULL,
    CONSTRAINT pk_pricing_audit PRIMARY KEY (id)
);
CREATE INDEX ix_pricing_audit_entity ON pricing_audit (entity_type, entity_id);
