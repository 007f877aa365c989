-- FX rates (USD base) that an admin maintains: a non-USD price without a rate is an import
-- error, never a guess.
CREATE TABLE fx_rate (
    currency     CHAR(3)        NOT NULL,
    usd_per_unit DECIMAL(20, 10) NOT NULL,
    updated_at   TIMESTAMP(6)   NOT NULL,
    updated_by   VARCHAR(128)   NOT NULL,
    version      BIGINT         NOT NULL,
    CONSTRAINT pk_fx_rate PRIMARY KEY (currency),
    CONSTRAINT ck_fx_rate_positive CHECK (usd_per_unit > 0)
);
