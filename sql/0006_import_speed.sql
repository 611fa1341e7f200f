-- 0006: a register import at COPY speed (issue 3), keeping every rule the register had.
--
-- What changes, and why it is still safe:
--
-- * asset's three import-batch pointers (batch_id, first_batch_id, retired_batch_id, each with
--   trust_id) were foreign keys to import_batch (id, trust_id). A foreign key is checked row by row
--   (one lookup per pointer per row: 400,000 lookups for a 200,000-row first import). They are
--   replaced by the same rule checked once per statement, set-based: after an INSERT or UPDATE of
--   asset, every distinct (batch, trust) pair the statement wrote must exist in import_batch (and is
--   locked FOR KEY SHARE, as a foreign key check locks it, so a concurrent delete waits); deleting a
--   batch, or changing its id or trust, that an asset still points to is refused; TRUNCATE of
--   import_batch is refused while assets point to batches. NULL pointers are not checked (as with
--   MATCH SIMPLE). Errors use SQLSTATE 23503 (foreign_key_violation), as the foreign keys did.
--   The foreign keys to trust and (site, trust), the unique key (trust_id, asset_tag), the checks and
--   asset_reject's foreign key to its batch are unchanged.
--
-- * asset_modality_idx is dropped: no query filters or joins asset on modality alone (13 values; the
--   reports read the whole network's register), and each index costs every inserted row.

DROP INDEX asset_modality_idx;

ALTER TABLE asset
    DROP CONSTRAINT asset_batch_id_trust_id_fkey,
    DROP CONSTRAINT asset_first_batch_id_trust_id_fkey,
    DROP CONSTRAINT asset_retired_batch_id_trust_id_fkey;

-- Referencing side: once per INSERT or UPDATE statement on asset, over the rows it wrote.
CREATE FUNCTION asset_batch_refs_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    WITH refs AS MATERIALIZED (
        SELECT DISTINCT r.batch, n.trust_id
        FROM asset_written n
        CROSS JOIN LATERAL (VALUES (n.batch_id), (n.first_batch_id), (n.retired_batch_id)) AS r (batch)
        WHERE r.batch IS NOT NULL
    ), present AS MATERIALIZED (
        SELECT b.id, b.trust_id FROM import_batch b
        WHERE (b.id, b.trust_id) IN (SELECT batch, trust_id FROM refs)
        FOR KEY SHARE OF b
    )
    SELECT f.batch, f.trust_id INTO bad FROM refs f
    WHERE NOT EXISTS (SELECT 1 FROM present p WHERE p.id = f.batch AND p.trust_id = f.trust_id)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "asset" violates its import batch reference'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (batch, trust_id)=(%s, %s) is not present in table "import_batch".', bad.batch, bad.trust_id),
                  TABLE = 'asset';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER asset_batch_refs_insert AFTER INSERT ON asset
    REFERENCING NEW TABLE AS asset_written FOR EACH STATEMENT EXECUTE FUNCTION asset_batch_refs_check();
CREATE TRIGGER asset_batch_refs_update AFTER UPDATE ON asset
    REFERENCING NEW TABLE AS asset_written FOR EACH STATEMENT EXECUTE FUNCTION asset_batch_refs_check();

-- Referenced side: a batch an asset points to can be neither deleted nor re-keyed.
CREATE FUNCTION import_batch_asset_refs_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT 1 FROM asset WHERE batch_id IS NOT NULL OR first_batch_id IS NOT NULL OR retired_batch_id IS NOT NULL) THEN
            RAISE EXCEPTION 'cannot truncate table "import_batch": assets point to its batches'
                USING ERRCODE = 'foreign_key_violation', TABLE = 'import_batch';
        END IF;
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM asset a WHERE a.trust_id = OLD.trust_id
               AND (a.batch_id = OLD.id OR a.first_batch_id = OLD.id OR a.retired_batch_id = OLD.id)) THEN
        RAISE EXCEPTION 'update or delete on table "import_batch" violates its reference from table "asset"'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (id, trust_id)=(%s, %s) is still referenced from table "asset".', OLD.id, OLD.trust_id),
                  TABLE = 'import_batch';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER import_batch_asset_refs_delete AFTER DELETE ON import_batch
    FOR EACH ROW EXECUTE FUNCTION import_batch_asset_refs_check();
CREATE TRIGGER import_batch_asset_refs_update AFTER UPDATE OF id, trust_id ON import_batch
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.trust_id IS DISTINCT FROM NEW.trust_id)
    EXECUTE FUNCTION import_batch_asset_refs_check();
CREATE TRIGGER import_batch_asset_refs_truncate BEFORE TRUNCATE ON import_batch
    FOR EACH STATEMENT EXECUTE FUNCTION import_batch_asset_refs_check();
