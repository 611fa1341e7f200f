-- 0001: the domain's core: the network, its member trusts and their sites, the equipment
-- register, and the import batches the register is loaded from.
--
-- Design rules that later migrations rely on:
-- * Every row of commercial data carries its trust (trust_id), directly or through a parent row
--   that does, so row-level security can grant each trust its own rows.
-- * Money is numeric(15,2) in pounds: exact, readable in psql, and never a float.
-- * Constraints live here, not only in Swift: keys, foreign keys, checks on money and dates.
-- * Rows record when they changed and which import batch wrote them, for the audit trail.

CREATE TABLE network (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(btrim(name)) > 0),
    formed_on   date NOT NULL CHECK (formed_on >= DATE '2000-01-01'),
    -- The structures the NHS England/IPEM commercial guide describes (§3).
    structure   text NOT NULL DEFAULT 'collaboration'
                CHECK (structure IN ('collaboration', 'alliance', 'hosted', 'joint_venture',
                                     'community_interest_company', 'outsourced')),
    -- A capital call above this needs the owner trusts' approval under the scheme of delegation.
    call_approval_threshold numeric(15,2) CHECK (call_approval_threshold >= 0),
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE trust (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id  bigint NOT NULL REFERENCES network (id),
    -- ODS organisation code, e.g. RRK (trusts have three characters, sites five).
    ods_code    text NOT NULL CHECK (ods_code ~ '^[A-Z0-9]{3,5}$'),
    name        text NOT NULL CHECK (length(btrim(name)) > 0),
    kind        text NOT NULL CHECK (kind IN ('nhs_trust', 'foundation_trust')),
    joined_on   date,
    notice_given_on date,
    left_on     date,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (network_id, ods_code),
    UNIQUE (id, network_id),
    CHECK (left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on),
    CHECK (notice_given_on IS NULL OR left_on IS NULL OR left_on >= notice_given_on)
);

CREATE TABLE site (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trust_id    bigint NOT NULL REFERENCES trust (id),
    code        text NOT NULL CHECK (length(btrim(code)) > 0),
    name        text NOT NULL CHECK (length(btrim(name)) > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (trust_id, code),
    UNIQUE (id, trust_id)
);

-- One import of one file for one trust. Counts are what the import reports to the user.
CREATE TABLE import_batch (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trust_id      bigint NOT NULL REFERENCES trust (id),
    file_name     text NOT NULL,
    sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    profile       text NOT NULL,
    sheet         text,
    rows_read     integer NOT NULL DEFAULT 0 CHECK (rows_read >= 0),
    rows_loaded   integer NOT NULL DEFAULT 0 CHECK (rows_loaded >= 0),
    rows_rejected integer NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
    rows_skipped  integer NOT NULL DEFAULT 0 CHECK (rows_skipped >= 0),
    added         integer NOT NULL DEFAULT 0 CHECK (added >= 0),
    updated       integer NOT NULL DEFAULT 0 CHECK (updated >= 0),
    unchanged     integer NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
    missing       integer NOT NULL DEFAULT 0 CHECK (missing >= 0),
    retired       integer NOT NULL DEFAULT 0 CHECK (retired >= 0),
    imported_at   timestamptz NOT NULL DEFAULT now(),
    imported_by   text NOT NULL DEFAULT current_user,
    UNIQUE (id, trust_id)
);

-- The network register: one row per asset, keyed by (trust, asset tag).
CREATE TABLE asset (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trust_id           bigint NOT NULL REFERENCES trust (id),
    site_id            bigint,
    asset_tag          text NOT NULL CHECK (length(btrim(asset_tag)) > 0),
    serial             text,
    manufacturer       text,              -- normalised (GE / General Electric -> GE HealthCare)
    manufacturer_given text,              -- as the register spelt it
    model              text,
    modality           text NOT NULL CHECK (modality IN ('CT', 'MRI', 'PET-CT', 'GAMMA', 'XR', 'MOBILE-XR', 'FLUORO',
                                                         'IR', 'MAMMO', 'US', 'DEXA', 'DENTAL', 'OTHER')),
    description        text,
    department         text,
    install_date       date CHECK (install_date >= DATE '1950-01-01'),
    purchase_cost      numeric(15,2) CHECK (purchase_cost >= 0),
    net_book_value     numeric(15,2) CHECK (net_book_value >= 0),
    expected_life_years integer NOT NULL CHECK (expected_life_years BETWEEN 1 AND 50),
    support_end        date,
    status             text NOT NULL DEFAULT 'in_use'
                       CHECK (status IN ('in_use', 'standby', 'out_of_service', 'disposed')),
    exclusive_to_network boolean NOT NULL DEFAULT false,
    criticality        smallint CHECK (criticality BETWEEN 1 AND 5),
    failures_last_year integer CHECK (failures_last_year >= 0),
    downtime_hours_last_year numeric(8,1) CHECK (downtime_hours_last_year >= 0),
    contract_supplier  text,
    contract_end       date,
    contract_annual_cost numeric(15,2) CHECK (contract_annual_cost >= 0),
    raw                jsonb NOT NULL DEFAULT '{}'::jsonb,   -- the source row as read, for audit
    batch_id           bigint,                               -- the import that last wrote this row
    first_batch_id     bigint,                               -- the import that first brought it in
    retired_at         timestamptz,                          -- set when an import retires it
    retired_batch_id   bigint,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (trust_id, asset_tag),
    -- Composite keys keep a row's site and batches inside its own trust.
    FOREIGN KEY (site_id, trust_id) REFERENCES site (id, trust_id),
    FOREIGN KEY (batch_id, trust_id) REFERENCES import_batch (id, trust_id),
    FOREIGN KEY (first_batch_id, trust_id) REFERENCES import_batch (id, trust_id),
    FOREIGN KEY (retired_batch_id, trust_id) REFERENCES import_batch (id, trust_id),
    CHECK (support_end IS NULL OR install_date IS NULL OR support_end >= install_date),
    CHECK (net_book_value IS NULL OR purchase_cost IS NULL OR net_book_value <= purchase_cost)
);

CREATE INDEX asset_modality_idx ON asset (modality);
CREATE INDEX asset_serial_idx ON asset (manufacturer, model, serial) WHERE serial IS NOT NULL;

-- Rows an import (with --allow-partial) could not load, kept with their raw data and the reasons.
CREATE TABLE asset_reject (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id    bigint NOT NULL,
    trust_id    bigint NOT NULL,
    row_number  integer NOT NULL CHECK (row_number >= 1),
    raw         jsonb NOT NULL,
    issues      jsonb NOT NULL,
    FOREIGN KEY (batch_id, trust_id) REFERENCES import_batch (id, trust_id)
);
