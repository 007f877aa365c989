-- Deployable configurations (offer_kind CONFIGURATION): a GCP host plus N attachable accelerators in one
-- zone and purchase option, assembled when a version is published. hourly_usd is the sum of the parts;
-- the parts' own prices are kept here so a reader can say what the configuration is made of without a
-- join: the host part (its kind, INSTANCE or HOST, and price; NULL for a TPU VM, whose host is not
-- charged) and the attached accelerators' price. NULL on every other kind of offer.
ALTER TABLE price_offer ADD COLUMN host_offer_kind VARCHAR(32) NULL;
ALTER TABLE price_offer ADD COLUMN host_hourly_usd DECIMAL(24, 10) NULL;
ALTER TABLE price_offer ADD COLUMN attached_hourly_usd DECIMAL(24, 10) NULL;
