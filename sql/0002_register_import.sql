-- 0002: what `capital import` needs beyond 0001: the shape of the staging table, a few more counts
-- per batch, and the indexes the merge and the reports use.
--
-- The import COPYs canonical rows into a TEMPORARY table created as
--     CREATE TEMP TABLE import_stage_rows (LIKE import_stage INCLUDING DEFAULTS) ON COMMIT DROP
-- so concurrent imports never share staging rows, nothing is WAL-logged and nothing is left behind.
-- `import_stage` itself is only that shape: it never holds rows (a trigger below refuses them).

CREATE TABLE import_stage (
    row_number          integer NOT NULL,          -- physical row in the file
    kind                "char" NOT NULL,           -- 'a' asset to load, 'r' rejected row, 's' skipped row
    asset_tag           text,
    site                text,                      -- the site as the register wrote it (name or code)
    serial              text,
    manufacturer        text,
    manufacturer_given  text,
    model               text,
    modality            text,
    description         text,
    department          text,
    install_date        date,
    purchase_cost       numeric(15,2),
    net_book_value      numeric(15,2),
    expected_life_years integer,
    support_end         date,
    status              text,
    exclusive_to_network boolean,                  -- NULL: the register does not say
    criticality         smallint,
    failures_last_year  integer,
    downtime_hours_last_year numeric(8,1),
    contract_supplier   text,
    contract_end        date,
    contract_annual_cost numeric(15,2),
    raw                 jsonb,
    issues              jsonb                      -- rejected rows: their issues, for asset_reject
);

-- The shape table must stay empty: rows belong in the per-import temporary copy.
CREATE FUNCTION import_stage_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'import_stage is only the shape of the import staging table; stage rows in a TEMP table created LIKE it'
        USING ERRCODE = '55000';
END $$;
CREATE TRIGGER import_stage_empty BEFORE INSERT ON import_stage
    FOR EACH STATEMENT EXECUTE FUNCTION import_stage_refuse();

ALTER TABLE import_batch
    ADD COLUMN warnings      integer NOT NULL DEFAULT 0 CHECK (warnings >= 0),
    ADD COLUMN sites_created integer NOT NULL DEFAULT 0 CHECK (sites_created >= 0),
    ADD COLUMN duplicates    integer NOT NULL DEFAULT 0 CHECK (duplicates >= 0),
    ADD COLUMN file_bytes    bigint CHECK (file_bytes >= 0),
    ADD COLUMN partial       boolean NOT NULL DEFAULT false;   -- loaded with --allow-partial

-- "identical to batch N": the latest batch of a trust with a given file hash.
CREATE INDEX import_batch_trust_sha_idx ON import_batch (trust_id, sha256, id);
CREATE INDEX asset_reject_batch_idx ON asset_reject (batch_id);
