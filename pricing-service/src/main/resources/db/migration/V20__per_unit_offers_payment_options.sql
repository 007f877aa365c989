-- Per-unit offers (offer_kind PER_UNIT): a hosted model API, a per-request endpoint or a per-image licence,
-- priced per unit of work (contracts PriceUnit: REQUEST, 1K_INPUT_TOKENS, 1K_OUTPUT_TOKENS, IMAGE,
-- 1K_CHARACTERS) for the model it serves. Their price is unit_price_usd; they have no hourly price, so
-- hourly_usd becomes nullable (every hourly read asks for deployable kinds, which PER_UNIT is not).
ALTER TABLE price_offer MODIFY COLUMN hourly_usd DECIMAL(24, 10) NULL;
ALTER TABLE price_offer ADD COLUMN price_unit VARCHAR(24) NULL;
ALTER TABLE price_offer ADD COLUMN served_model VARCHAR(128) NULL;
ALTER TABLE price_offer ADD COLUMN unit_price_usd DECIMAL(24, 10) NULL;
-- Commitments paid No, Partial or All Upfront (contracts PaymentOption) are distinct offers; NULL where the
-- source has no such choice (on-demand, spot, the suite CSV without the column).
ALTER TABLE price_offer ADD COLUMN payment_option VARCHAR(24) NULL;
-- When the source says the price applies from / until (AWS offer files: a term's effectiveDate); NULL when
-- it does not say.
ALTER TABLE price_offer ADD COLUMN effective_from TIMESTAMP(6) NULL;
ALTER TABLE price_offer ADD COLUMN effective_to TIMESTAMP(6) NULL;
