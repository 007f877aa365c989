-- The duplicate check of an import names each later duplicate's source line: with the line in the
-- (version, key) index that check reads the index alone, never the offers' rows (which, right after
-- a large import, may no longer be in the buffer pool).
CREATE INDEX ix_offer_version_key_line ON price_offer (version_id, offer_key, source_line);
ALTER TABLE price_offer DROP INDEX ix_offer_version_key;
