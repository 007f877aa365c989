-- Per-unit offers listed alone (kind=PER_UNIT) page by their unit price, as hourly offers do by hourly_usd
-- (ending with the id, as V9's sort indexes do).
CREATE INDEX ix_offer_version_unit_price_id ON price_offer (version_id, unit_price_usd, id);
