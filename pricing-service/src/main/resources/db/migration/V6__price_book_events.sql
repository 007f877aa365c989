-- The durable log of changes to the price book, read after a position (REST and gRPC): one
-- PRICE_BOOK_CHANGED per new version, with the diff summary against the version it superseded.
-- Positions are assigned under a lock row held to commit, so they commit in order: a reader that has
-- seen position N never misses a later commit below N.
CREATE TABLE price_book_event (
    position            BIGINT       NOT NULL AUTO_INCREMENT,
    type                VARCHAR(32)  NOT NULL,
    provider            VARCHAR(32)  NOT NULL,
    version_id          BIGINT       NOT NULL,
    previous_version_id BIGINT       NULL,
    occurred_at         TIMESTAMP(6) NOT NULL,
    imported_by         VARCHAR(128) NOT NULL,
    added               BIGINT       NOT NULL,
    removed             BIGINT       NOT NULL,
    price_up            BIGINT       NOT NULL,
    price_down          BIGINT       NOT NULL,
    unchanged           BIGINT       NOT NULL,
    CONSTRAINT pk_price_book_event PRIMARY KEY (position),
    CONSTRAINT fk_price_book_event_version FOREIGN KEY (version_id) REFERENCES price_book_version (id)
);
