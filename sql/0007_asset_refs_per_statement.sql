-- 0007: asset's remaining per-row foreign keys become per-statement checks, and the serial index goes
-- (issue 3: a million-row import spent 26 s inserting into asset, 8.5 s of it in the two foreign keys'
-- row-by-row lookups and 6 s maintaining asset_serial_idx; measured by dropping each in turn).
--
-- * asset (trust_id) -> trust (id) and asset (site_id, trust_id) -> site (id, trust_id) are replaced,
--   like the import-batch pointers in 0006, by the same rules checked once per INSERT or UPDATE
--   statement over the rows it wrote (a transition table): every distinct trust must exist, and every
--   distinct non-null (site, trust) pair must be a site of that trust; the rows found are locked
--   FOR KEY SHARE as a foreign key check locks them, so a concurrent delete waits. A trust or site that
--   an asset points to can be neither deleted nor re-keyed, and neither table can be truncated while
--   assets exist. Errors keep SQLSTATE 23503 (foreign_key_violation). One function now checks all five
--   pointers (trust, site, the three batches), so the rows are scanned once.
--
-- * asset_serial_idx (manufacturer, model, serial) only served the import's duplicate-device check,
--   which joins the staged rows against the register once per import: a hash join over one scan of
--   asset does that in well under a second at a million assets, where keeping the index cost every
--   inserted row a random b-tree insertion.

DROP INDEX asset_serial_idx;

DROP TRIGGER asset_batch_refs_insert ON asset;
DROP TRIGGER asset_batch_refs_update ON asset;
DROP FUNCTION asset_batch_refs_check();

ALTER TABLE asset
    DROP CONSTRAINT asset_trust_id_fkey,
    DROP CONSTRAINT asset_site_id_trust_id_fkey;

-- Referencing side: once per INSERT or UPDATE statement on asset, over the rows it wrote.
CREATE FUNCTION asset_refs_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    bad record;
BEGIN
    WITH pointers AS MATERIALIZED (   -- a statement's rows share few combinations: reduce them first
        SELECT DISTINCT trust_id, site_id, batch_id, first_batch_id, retired_batch_id FROM asset_written
    ), refs AS MATERIALIZED (
        SELECT DISTINCT r.kind, r.ref, n.trust_id
        FROM pointers n
        CROSS JOIN LATERAL (VALUES ('t'::"char", NULL::bigint), ('s', n.site_id), ('b', n.batch_id),
                                   ('b', n.first_batch_id), ('b', n.retired_batch_id)) AS r (kind, ref)
        WHERE r.kind = 't' OR r.ref IS NOT NULL
    ), trusts AS MATERIALIZED (
        SELECT t.id FROM trust t WHERE t.id IN (SELECT trust_id FROM refs WHERE kind = 't') FOR KEY SHARE OF t
    ), sites AS MATERIALIZED (
        SELECT s.id, s.trust_id FROM site s WHERE (s.id, s.trust_id) IN (SELECT ref, trust_id FROM refs WHERE kind = 's')
        FOR KEY SHARE OF s
    ), batches AS MATERIALIZED (
        SELECT b.id, b.trust_id FROM import_batch b
        WHERE (b.id, b.trust_id) IN (SELECT ref, trust_id FROM refs WHERE kind = 'b')
        FOR KEY SHARE OF b
    )
    SELECT f.kind, f.ref, f.trust_id INTO bad FROM refs f
    WHERE (f.kind = 't' AND NOT EXISTS (SELECT 1 FROM trusts p WHERE p.id = f.trust_id))
       OR (f.kind = 's' AND NOT EXISTS (SELECT 1 FROM sites p WHERE p.id = f.ref AND p.trust_id = f.trust_id))
       OR (f.kind = 'b' AND NOT EXISTS (SELECT 1 FROM batches p WHERE p.id = f.ref AND p.trust_id = f.trust_id))
    ORDER BY f.kind DESC, f.trust_id, f.ref   -- trusts first, then sites, then batches
    LIMIT 1;
    IF NOT FOUND THEN
        RETURN NULL;
    ELSIF bad.kind = 't' THEN
        RAISE EXCEPTION 'insert or update on table "asset" violates its trust reference'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (trust_id)=(%s) is not present in table "trust".', bad.trust_id), TABLE = 'asset';
    ELSIF bad.kind = 's' THEN
        RAISE EXCEPTION 'insert or update on table "asset" violates its site reference'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (site_id, trust_id)=(%s, %s) is not present in table "site".', bad.ref, bad.trust_id),
                  TABLE = 'asset';
    ELSE
        RAISE EXCEPTION 'insert or update on table "asset" violates its import batch reference'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (batch, trust_id)=(%s, %s) is not present in table "import_batch".', bad.ref, bad.trust_id),
                  TABLE = 'asset';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER asset_refs_insert AFTER INSERT ON asset
    REFERENCING NEW TABLE AS asset_written FOR EACH STATEMENT EXECUTE FUNCTION asset_refs_check();
CREATE TRIGGER asset_refs_update AFTER UPDATE ON asset
    REFERENCING NEW TABLE AS asset_written FOR EACH STATEMENT EXECUTE FUNCTION asset_refs_check();

-- Referenced side: a trust or site an asset points to can be neither deleted nor re-keyed, and
-- neither table truncated while assets exist.
CREATE FUNCTION asset_owner_refs_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        IF EXISTS (SELECT 1 FROM asset) THEN
            RAISE EXCEPTION 'cannot truncate table "%": assets point to its rows', TG_TABLE_NAME
                USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME;
        END IF;
        RETURN NULL;
    END IF;
    IF TG_TABLE_NAME = 'trust' THEN
        IF EXISTS (SELECT 1 FROM asset a WHERE a.trust_id = OLD.id) THEN
            RAISE EXCEPTION 'update or delete on table "trust" violates its reference from table "asset"'
                USING ERRCODE = 'foreign_key_violation',
                      DETAIL = format('Key (id)=(%s) is still referenced from table "asset".', OLD.id), TABLE = 'trust';
        END IF;
    ELSIF EXISTS (SELECT 1 FROM asset a WHERE a.trust_id = OLD.trust_id AND a.site_id = OLD.id) THEN
        RAISE EXCEPTION 'update or delete on table "site" violates its reference from table "asset"'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (id, trust_id)=(%s, %s) is still referenced from table "asset".', OLD.id, OLD.trust_id),
                  TABLE = 'site';
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER trust_asset_refs_delete AFTER DELETE ON trust
    FOR EACH ROW EXECUTE FUNCTION asset_owner_refs_check();
CREATE TRIGGER trust_asset_refs_update AFTER UPDATE OF id ON trust
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION asset_owner_refs_check();
CREATE TRIGGER trust_asset_refs_truncate BEFORE TRUNCATE ON trust
    FOR EACH STATEMENT EXECUTE FUNCTION asset_owner_refs_check();
CREATE TRIGGER site_asset_refs_delete AFTER DELETE ON site
    FOR EACH ROW EXECUTE FUNCTION asset_owner_refs_check();
CREATE TRIGGER site_asset_refs_update AFTER UPDATE OF id, trust_id ON site
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.trust_id IS DISTINCT FROM NEW.trust_id)
    EXECUTE FUNCTION asset_owner_refs_check();
CREATE TRIGGER site_asset_refs_truncate BEFORE TRUNCATE ON site
    FOR EACH STATEMENT EXECUTE FUNCTION asset_owner_refs_check();
