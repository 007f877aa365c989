-- One row per provider. An import holds its provider's row locked (SELECT ... FOR UPDATE) from the
-- start of its transaction to its commit, so imports of one provider publish one after another, on
-- every instance: never two current versions of one provider.
CREATE TABLE price_book_lock (
    provider VARCHAR(32) NOT NULL,
    CONSTRAINT pk_price_book_lock PRIMARY KEY (provider)
);

-- The running instances of this service, each with a heartbeat: an import owned by an instance whose
-- heartbeat stopped was interrupted (a crash, kill -9) and is marked FAILED with reason INTERRUPTED.
CREATE TABLE service_instance (
    id           VARCHAR(64)  NOT NULL,
    host         VARCHAR(255) NOT NULL,
    pid          BIGINT       NOT NULL,
    started_at   TIMESTAMP(6) NOT NULL,
    heartbeat_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT pk_service_instance PRIMARY KEY (id)
);

ALTER TABLE import_run ADD COLUMN owner_instance VARCHAR(64) NULL;
-- Why a FAILED import failed, as a code: REFUSED, BUSY, INTERRUPTED, SOURCE_UNAVAILABLE, ERROR.
ALTER TABLE import_run ADD COLUMN reason VARCHAR(32) NULL;
CREATE INDEX ix_import_run_status ON import_run (status, owner_instance);

-- What an import imported but wants an admin to see: rows that were exact duplicates, memory figures
-- that disagree with the accelerator's name, accelerators imported unmapped.
CREATE TABLE import_warning (
    import_id   BIGINT        NOT NULL,
    seq         INT           NOT NULL,
    line        BIGINT        NOT NULL,
    column_name VARCHAR(400)  NULL,
    reason      VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_import_warning PRIMARY KEY (import_id, seq),
    CONSTRAINT fk_import_warning_run FOREIGN KEY (import_id) REFERENCES import_run (id)
);
ALTER TABLE import_run ADD COLUMN warning_count BIGINT NOT NULL DEFAULT 0;
