-- 0047: the audit trail (issue 16). Every INSERT, UPDATE, DELETE and TRUNCATE on every table leaves rows in
-- audit_log: who (session_user, the role that logged in), when, the table, the row's key, the action, and the
-- old and new values of the columns that changed (all of them for an insert or delete). The triggers are per
-- statement, over transition tables, so a COPY-sized insert is logged in one set-based INSERT per statement rather
-- than a trigger call per row. asset's inserts (a register file at a time) are summarised: one audit row per
-- statement, trust and batch with the id range and count (the values are the file's rows, kept in asset.raw); a
-- row per asset took a 300,000-row first import from 13 s to 56 s. Every other insert, and every update and delete
-- of asset, is logged row by row. Large documents a row is inserted with (plan.document and policy_text,
-- share_set.report) are left out of an insert's values: they stay in the row.
--
-- audit_log is append-only: no role is granted INSERT, UPDATE, DELETE or TRUNCATE on it (rows come only from
-- the trigger, which runs as its owner), and triggers refuse UPDATE, DELETE and TRUNCATE from anyone, the owner
-- and superusers included. It has no foreign keys, so deleting a network leaves its history.
-- capital_audit_attach() (called by capital_secure_schema after every migration) puts the triggers on every
-- table, so tables added later are audited too.

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    who         text NOT NULL DEFAULT session_user,
    table_name  text NOT NULL,
    action      text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
    row_key     jsonb,
    trust_id    bigint,
    network_id  bigint,
    old_values  jsonb,
    new_values  jsonb,
    txid        bigint NOT NULL DEFAULT txid_current()
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_trust_idx ON audit_log (trust_id, at);

CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();

-- Old and new values of the keys whose values differ.
CREATE FUNCTION capital_jsonb_changes(o jsonb, n jsonb, OUT old_values jsonb, OUT new_values jsonb)
    LANGUAGE sql IMMUTABLE AS
$$ SELECT jsonb_object_agg(k, o -> k) FILTER (WHERE o ? k), jsonb_object_agg(k, n -> k) FILTER (WHERE n ? k)
   FROM jsonb_object_keys(coalesce(o, '{}') || coalesce(n, '{}')) AS k
   WHERE (o -> k) IS DISTINCT FROM (n -> k) $$;

-- TG_ARGV[0]: the primary key's columns, comma-separated (empty: none); TG_ARGV[1]: columns left out of an
-- insert's values; TG_ARGV[2] (insert triggers): 'summary' for asset, 'rows' otherwise.
CREATE FUNCTION capital_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public AS $$
DECLARE
    cols text[] := CASE WHEN TG_ARGV[0] = '' THEN '{}' ELSE string_to_array(TG_ARGV[0], ',') END;
    omit text[] := CASE WHEN TG_ARGV[1] = '' THEN '{}' ELSE string_to_array(TG_ARGV[1], ',') END;
    keyexpr text;
    okey text;
    nkey text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        INSERT INTO audit_log (table_name, action) VALUES (TG_TABLE_NAME, 'TRUNCATE');
        RETURN NULL;
    END IF;
    keyexpr := CASE WHEN cardinality(cols) = 0 THEN 'NULL::jsonb'
                    ELSE 'jsonb_build_object(' || (SELECT string_agg(format('%L, %%1$s.j -> %L', c, c), ', ') FROM unnest(cols) c) || ')' END;
    okey := format(keyexpr, 'o');
    nkey := format(keyexpr, 'n');
    IF TG_OP = 'INSERT' AND TG_ARGV[2] = 'summary' THEN
        -- A register's inserts (a first import COPYs a whole file): one row per statement, trust and batch, with the
        -- id range and count. The rows' values are the batch's file rows, kept in the rows themselves (raw, source_row);
        -- any later change to them is audited row by row with its old values.
        INSERT INTO audit_log (table_name, action, row_key, trust_id, new_values)
        SELECT TG_TABLE_NAME, 'INSERT', jsonb_build_object('id_from', min(n.id), 'id_to', max(n.id), 'rows', count(*)),
               n.trust_id, jsonb_build_object('batch_id', n.batch_id, 'rows', count(*))
        FROM audit_new n GROUP BY n.trust_id, n.batch_id;
    ELSIF TG_OP = 'INSERT' THEN
        EXECUTE format($q$INSERT INTO audit_log (table_name, action, row_key, trust_id, network_id, new_values)
            SELECT %L, 'INSERT', %s, (n.j ->> 'trust_id')::bigint, (n.j ->> 'network_id')::bigint, n.j - $1
            FROM (SELECT to_jsonb(r) AS j FROM audit_new r) n$q$, TG_TABLE_NAME, nkey) USING omit;
    ELSIF TG_OP = 'DELETE' THEN
        EXECUTE format($q$INSERT INTO audit_log (table_name, action, row_key, trust_id, network_id, old_values)
            SELECT %L, 'DELETE', %s, (o.j ->> 'trust_id')::bigint, (o.j ->> 'network_id')::bigint, o.j
            FROM (SELECT to_jsonb(r) AS j FROM audit_old r) o$q$, TG_TABLE_NAME, okey);
    ELSE
        EXECUTE format($q$INSERT INTO audit_log (table_name, action, row_key, trust_id, network_id, old_values, new_values)
            SELECT %L, 'UPDATE', coalesce(%s, %s), coalesce((n.j ->> 'trust_id')::bigint, (o.j ->> 'trust_id')::bigint),
                   coalesce((n.j ->> 'network_id')::bigint, (o.j ->> 'network_id')::bigint), d.old_values, d.new_values
            FROM (SELECT to_jsonb(r) AS j FROM audit_old r) o
            FULL JOIN (SELECT to_jsonb(r) AS j FROM audit_new r) n ON %s
            CROSS JOIN LATERAL capital_jsonb_changes(o.j, n.j) d
            WHERE d.old_values IS NOT NULL OR d.new_values IS NOT NULL$q$,
            TG_TABLE_NAME, nkey, okey, CASE WHEN cardinality(cols) = 0 THEN 'false' ELSE okey || ' = ' || nkey END);
    END IF;
    RETURN NULL;
END $$;

-- The four audit triggers on every table of the schema but audit_log itself; idempotent.
CREATE FUNCTION capital_audit_attach() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t record;
    keycols text;
    omit text;
    insert_mode text;
BEGIN
    FOR t IN SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'audit_log'
               AND NOT EXISTS (SELECT 1 FROM pg_trigger g WHERE g.tgrelid = c.oid AND g.tgname = 'audit_insert') LOOP
        SELECT coalesce(string_agg(a.attname, ',' ORDER BY k.ord), '') INTO keycols
        FROM pg_constraint p CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k (attnum, ord)
        JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.attnum
        WHERE p.conrelid = t.oid AND p.contype = 'p';
        omit := CASE t.relname WHEN 'asset' THEN 'raw' WHEN 'plan' THEN 'document,policy_text'
                               WHEN 'share_set' THEN 'report' ELSE '' END;
        -- asset's inserts come a register at a time: summarised per statement (see capital_audit).
        insert_mode := CASE t.relname WHEN 'asset' THEN 'summary' ELSE 'rows' END;
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON public.%I REFERENCING NEW TABLE AS audit_new '
                       'FOR EACH STATEMENT EXECUTE FUNCTION capital_audit(%L, %L, %L)', t.relname, keycols, omit, insert_mode);
        EXECUTE format('CREATE TRIGGER audit_update AFTER UPDATE ON public.%I REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new '
                       'FOR EACH STATEMENT EXECUTE FUNCTION capital_audit(%L, %L)', t.relname, keycols, omit);
        EXECUTE format('CREATE TRIGGER audit_delete AFTER DELETE ON public.%I REFERENCING OLD TABLE AS audit_old '
                       'FOR EACH STATEMENT EXECUTE FUNCTION capital_audit(%L, %L)', t.relname, keycols, omit);
        EXECUTE format('CREATE TRIGGER audit_truncate AFTER TRUNCATE ON public.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION capital_audit(%L, %L)', t.relname, keycols, omit);
    END LOOP;
    ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
    ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS capital_read ON audit_log;
    CREATE POLICY capital_read ON audit_log FOR SELECT
        USING ((SELECT capital_sees_all_trusts()) OR trust_id = ANY ((SELECT capital_my_trusts())::bigint[]));
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC, capital_member, capital_admin, capital_trust;
END $$;
