-- A model version whose artifact is a hosted endpoint (artifact_format 'hosted'): no sha256, and the model
-- the endpoint serves, as pricing's per-unit offers name it (price_offer.served_model), so the recommender
-- can price it. NULL for every file artifact.
ALTER TABLE model_version ADD COLUMN artifact_served_model VARCHAR(128) NULL;
