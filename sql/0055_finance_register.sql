-- 0055: one register per trust from two sources (issue 18). A trust's register is its clinical-engineering (CMMS)
-- assets; its finance fixed-asset register is kept beside it as finance records, linked to the assets they describe
-- by `capital reconcile`, never added as assets of their own (except for a trust that has never imported a CMMS
-- file: see docs/reconcile.md).
--
-- Every table here has a trust_id, so capital_secure_schema() (0045) gives it row-level security (a trust's users
-- see and write their own trust's rows) and capital_audit_attach() (0047) audits every change to it.

-- What each import batch was: the engineering list or the finance register.
ALTER TABLE import_batch
    ADD COLUMN source_kind text NOT NULL DEFAULT 'cmms' CHECK (source_kind IN ('cmms', 'finance'));

-- One row of a trust's fixed-asset register, keyed by (trust, finance asset number).
CREATE TABLE finance_record (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trust_id           bigint NOT NULL REFERENCES trust (id),
    asset_number       text NOT NULL CHECK (length(btrim(asset_number)) > 0),
    site_id            bigint,
    location           text,              -- the location code as finance wrote it
    description        text,
    serial             text,              -- as found in the description ("S/N 60123") or a serial column
    manufacturer       text,              -- normalised, as for assets
    model              text,
    modality           text NOT NULL,
    cost_centre        text,
    in_service_date    date CHECK (in_service_date >= DATE '1950-01-01'),
    cost               numeric(15,2) CHECK (cost >= 0),          -- gross book value
    net_book_value     numeric(15,2) CHECK (net_book_value >= 0), -- as the register gives it
    useful_life_months integer CHECK (useful_life_months BETWEEN 1 AND 600),
    status             text NOT NULL CHECK (status IN ('in_use', 'standby', 'out_of_service', 'disposed')),
    raw                jsonb NOT NULL DEFAULT '{}'::jsonb,
    batch_id           bigint NOT NULL,   -- the import that last wrote this row
    first_batch_id     bigint NOT NULL,
    source_row         integer,
    retired_at         timestamptz,       -- no longer in the finance register (a later import with --retire-missing)
    -- The asset this record describes, as the last `capital reconcile` found it (or a person decided).
    asset_id           bigint REFERENCES asset (id),
    match_rule         text CHECK (match_rule IN ('serial', 'make_model_date_cost', 'description', 'decision')),
    match_confidence   numeric(4,3) CHECK (match_confidence BETWEEN 0 AND 1),
    matched_at         timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (trust_id, asset_number),
    FOREIGN KEY (site_id, trust_id) REFERENCES site (id, trust_id),
    FOREIGN KEY (batch_id, trust_id) REFERENCES import_batch (id, trust_id),
    FOREIGN KEY (first_batch_id, trust_id) REFERENCES import_batch (id, trust_id)
);
CREATE UNIQUE INDEX finance_record_asset_idx ON finance_record (asset_id) WHERE asset_id IS NOT NULL;

-- A person's decision on a pair, keyed on the identifiers that survive re-imports of either source: the
-- engineering asset tag and the finance asset number (never row ids, which a re-import may change).
CREATE TABLE reconcile_decision (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trust_id     bigint NOT NULL REFERENCES trust (id),
    asset_tag    text NOT NULL CHECK (length(btrim(asset_tag)) > 0),
    asset_number text NOT NULL CHECK (length(btrim(asset_number)) > 0),
    decision     text NOT NULL CHECK (decision IN ('accept', 'reject')),
    note         text,
    decided_by   text NOT NULL DEFAULT session_user,
    decided_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (trust_id, asset_tag, asset_number)
);

-- Other names of a site ("Royal Infirmary" for RI01): imports and matching treat them as the site.
CREATE TABLE site_alias (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trust_id   bigint NOT NULL REFERENCES trust (id),
    site_id    bigint NOT NULL,
    alias      text NOT NULL CHECK (length(btrim(alias)) > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (site_id, trust_id) REFERENCES site (id, trust_id)
);
CREATE UNIQUE INDEX site_alias_name_idx ON site_alias (trust_id, lower(alias));
