-- A page is ordered by (figure, id) within a version: the sort indexes carry the id as their last column,
-- so that H2, like MariaDB (whose secondary indexes end with the primary key), reads a page in index
-- order and stops after it instead of sorting the version (OfferRepository.pageQuery).
CREATE INDEX ix_offer_version_price_id ON price_offer (version_id, hourly_usd, id);
CREATE INDEX ix_offer_version_per_accelerator_id ON price_offer (version_id, per_accelerator_hour_usd, id);
CREATE INDEX ix_offer_version_per_vcpu_id ON price_offer (version_id, per_vcpu_hour_usd, id);
ALTER TABLE price_offer DROP INDEX ix_offer_version_price;
ALTER TABLE price_offer DROP INDEX ix_offer_version_per_accelerator;
ALTER TABLE price_offer DROP INDEX ix_offer_version_per_vcpu;
