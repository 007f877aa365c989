-- Reads page through one version at a time in the order of the sort column and stop after a page
-- (OfferRepository): each sortable figure gets a (version, figure) index, as hourly_usd has
-- (ix_offer_version_price); the gRPC stream reads a version in id order by chunks.
CREATE INDEX ix_offer_version_per_accelerator ON price_offer (version_id, per_accelerator_hour_usd);
CREATE INDEX ix_offer_version_per_vcpu ON price_offer (version_id, per_vcpu_hour_usd);
CREATE INDEX ix_offer_version_id ON price_offer (version_id, id);
