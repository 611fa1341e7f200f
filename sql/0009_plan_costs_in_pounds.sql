-- 0009: plans optimise an expected cost in pounds, not a risk score (issue 13).
--
-- The columns that held risk-years now hold pounds: renamed so that nobody reads one as the
-- other. Plans saved before this migration keep their figures and say so: objective_unit is
-- 'risk-years' for them and 'GBP' for every plan saved from now on. A replacement's whole price
-- is kept in its parts (equipment, installation and enabling works, irrecoverable VAT); rows
-- saved before carry the total only. Additional units a plan installs for demand get their own
-- rows, each carrying its trust like every other plan row.

ALTER TABLE plan RENAME COLUMN baseline_risk TO cost_without;
ALTER TABLE plan ADD COLUMN objective_unit text NOT NULL DEFAULT 'risk-years'
    CHECK (objective_unit IN ('risk-years', 'GBP'));
ALTER TABLE plan ALTER COLUMN objective_unit SET DEFAULT 'GBP';
ALTER TABLE plan ADD COLUMN breach_years integer NOT NULL DEFAULT 0 CHECK (breach_years >= 0);

ALTER TABLE plan_year RENAME COLUMN residual_risk TO expected_cost;
ALTER TABLE plan_year RENAME COLUMN baseline_risk TO expected_cost_without;
ALTER TABLE plan_year ADD COLUMN additions integer NOT NULL DEFAULT 0 CHECK (additions >= 0);

ALTER TABLE plan_trust_year RENAME COLUMN residual_risk TO expected_cost;
ALTER TABLE plan_trust_year RENAME COLUMN baseline_risk TO expected_cost_without;

ALTER TABLE plan_unfunded RENAME COLUMN risk_carried TO expected_cost;
ALTER TABLE plan_unfunded RENAME COLUMN risk_if_replaced_when_due TO expected_cost_if_replaced_when_due;

ALTER TABLE plan_replacement
    ADD COLUMN equipment numeric(15,2) CHECK (equipment >= 0),
    ADD COLUMN works     numeric(15,2) CHECK (works >= 0),
    ADD COLUMN vat       numeric(15,2) CHECK (vat >= 0),
    ADD CONSTRAINT plan_replacement_parts_sum
        CHECK (equipment IS NULL OR equipment + works + vat = cost);

CREATE TABLE plan_addition (
    plan_id    bigint NOT NULL REFERENCES plan (id),
    trust_id   bigint NOT NULL REFERENCES trust (id),
    site       text NOT NULL,                 -- the site's code as the register gives it
    modality   text NOT NULL CHECK (modality IN ('CT', 'MRI', 'PET-CT', 'GAMMA', 'XR', 'MOBILE-XR', 'FLUORO',
                                                  'IR', 'MAMMO', 'US', 'DEXA', 'DENTAL', 'OTHER')),
    unit       integer NOT NULL CHECK (unit >= 1),
    year       integer NOT NULL,
    cost       numeric(15,2) NOT NULL CHECK (cost >= 0),
    equipment  numeric(15,2) NOT NULL CHECK (equipment >= 0),
    works      numeric(15,2) NOT NULL CHECK (works >= 0),
    vat        numeric(15,2) NOT NULL CHECK (vat >= 0),
    scans_covered numeric NOT NULL CHECK (scans_covered >= 0),
    PRIMARY KEY (plan_id, trust_id, site, modality, unit, year),
    CHECK (equipment + works + vat = cost)
);
CREATE INDEX plan_addition_year_idx ON plan_addition (plan_id, year);
