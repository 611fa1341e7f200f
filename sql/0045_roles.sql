-- 0045: roles in PostgreSQL itself (issue 16). The schema belongs to a role that cannot log in; capital does its
-- work as a role that is neither superuser nor exempt from row-level security; each person gets a login role
-- (`capital user add`) whose rights come from the group roles below.
--
-- Roles are cluster-wide, so they are created only where missing (a second database on the same server, or the
-- test run's many databases, share them):
--   capital_owner   NOLOGIN, owns every table, sequence and function. BYPASSRLS so that the few SECURITY DEFINER
--                   functions it owns (membership lookups, reference checks, the audit trigger) see every row.
--   capital_member  every capital user: SELECT on every table (row-level security decides which rows).
--   capital_admin   network admin: writes everything. capital_app (the embedded cluster's CLI role) is one.
--   capital_board   network board: reads everything, writes nothing.
--   capital_viewer  reads network results (plans, share sets, calls), not a trust's own rows.
--   capital_trust   a trust's finance, equipment or procurement user: reads and writes its own trust's rows.
-- capital_user maps each login role to its trust and role (or its network role).
--
-- Later migrations run as the bootstrap superuser, so what they create is owned by it: the migrator calls
-- capital_secure_schema() after every migration, which hands every object to capital_owner, grants the group
-- roles their rights, turns on row-level security with the policies below on every table that holds a trust's
-- rows or a network's, and puts the audit triggers (0047) on every table. A new table joins by itself.

DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['capital_owner', 'capital_member', 'capital_admin', 'capital_board', 'capital_viewer',
                             'capital_trust'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
    ALTER ROLE capital_owner NOLOGIN BYPASSRLS;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'capital_app') THEN
        CREATE ROLE capital_app LOGIN;
    END IF;
    ALTER ROLE capital_app NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
END $$;

GRANT capital_member TO capital_admin, capital_board, capital_viewer, capital_trust;
GRANT capital_admin TO capital_app;

-- Who each login role is. Exactly one of (trust_id with trust_role) or network_role.
CREATE TABLE capital_user (
    role_name    text PRIMARY KEY,
    trust_id     bigint REFERENCES trust (id),
    trust_role   text CHECK (trust_role IN ('finance', 'equipment', 'procurement')),
    network_role text CHECK (network_role IN ('admin', 'board', 'viewer')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL DEFAULT session_user,
    CHECK ((trust_id IS NOT NULL AND trust_role IS NOT NULL AND network_role IS NULL)
        OR (trust_id IS NULL AND trust_role IS NULL AND network_role IS NOT NULL))
);

-- Membership, read once per statement: policies call these as (SELECT f()), an init plan evaluated once, and
-- compare a row's trust_id or network_id to the result. Keyed on session_user: the role that logged in.
CREATE FUNCTION capital_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public AS
$$ SELECT pg_has_role(session_user, 'capital_admin', 'MEMBER') $$;

-- Admin or board: every trust's rows.
CREATE FUNCTION capital_sees_all_trusts() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public AS
$$ SELECT pg_has_role(session_user, 'capital_admin', 'MEMBER') OR pg_has_role(session_user, 'capital_board', 'MEMBER') $$;

-- Admin, board or viewer: every network's results.
CREATE FUNCTION capital_sees_all_networks() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public AS
$$ SELECT pg_has_role(session_user, 'capital_admin', 'MEMBER') OR pg_has_role(session_user, 'capital_board', 'MEMBER')
       OR pg_has_role(session_user, 'capital_viewer', 'MEMBER') $$;

CREATE FUNCTION capital_my_trusts() RETURNS bigint[] LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public AS
$$ SELECT coalesce(array_agg(trust_id), '{}') FROM capital_user WHERE role_name = session_user AND trust_id IS NOT NULL $$;

CREATE FUNCTION capital_my_networks() RETURNS bigint[] LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public AS
$$ SELECT coalesce(array_agg(DISTINCT t.network_id), '{}')
   FROM capital_user u JOIN trust t ON t.id = u.trust_id WHERE u.role_name = session_user $$;

-- "user alice (finance, trust R1A)", "user capital_app (network admin)": for messages that refuse an action.
CREATE FUNCTION capital_whoami() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = pg_catalog, public AS
$$ SELECT 'user ' || session_user || ' (' || coalesce(
       (SELECT coalesce(u.trust_role || ', trust ' || t.ods_code, 'network ' || u.network_role)
        FROM capital_user u LEFT JOIN trust t ON t.id = u.trust_id WHERE u.role_name = session_user),
       CASE WHEN (SELECT rolsuper FROM pg_roles WHERE rolname = session_user) THEN 'database superuser'
            WHEN pg_has_role(session_user, 'capital_admin', 'MEMBER') THEN 'network admin'
            WHEN pg_has_role(session_user, 'capital_board', 'MEMBER') THEN 'network board'
            WHEN pg_has_role(session_user, 'capital_viewer', 'MEMBER') THEN 'network viewer'
            ELSE 'not a capital user' END) || ')' $$;

-- The reference checks that stand in for foreign keys on asset (0006, 0007) lock the trust, site and batch rows an
-- asset points to. A trust's user may not lock (update) its trust's row, so they run as the owner, as PostgreSQL's
-- own foreign key checks do.
ALTER FUNCTION asset_refs_check() SECURITY DEFINER SET search_path = pg_catalog, public;
ALTER FUNCTION asset_owner_refs_check() SECURITY DEFINER SET search_path = pg_catalog, public;
ALTER FUNCTION import_batch_asset_refs_check() SECURITY DEFINER SET search_path = pg_catalog, public;

-- Refreshes a table's planner statistics after a big import; ANALYZE is the owner's to run.
CREATE FUNCTION capital_analyze(tbl regclass) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, public AS $$
BEGIN
    IF (SELECT relnamespace FROM pg_class WHERE oid = tbl) <> 'public'::regnamespace THEN
        RAISE EXCEPTION 'capital_analyze: % is not a table of capital''s schema', tbl USING ERRCODE = 'insufficient_privilege';
    END IF;
    EXECUTE format('ANALYZE %s', tbl);
END $$;
REVOKE EXECUTE ON FUNCTION capital_analyze(regclass) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION capital_analyze(regclass) TO capital_admin, capital_trust;

-- Tables holding network results: readable by every member trust of the network, written by admins. Any other
-- table with a trust_id holds a trust's own rows; any other with a network_id, a network's.
CREATE FUNCTION capital_network_result_tables() RETURNS text[] LANGUAGE sql IMMUTABLE AS
$$ SELECT ARRAY['network', 'trust', 'share_set', 'share_set_trust', 'plan', 'plan_replacement', 'plan_year',
                'plan_trust_year', 'plan_unfunded', 'plan_addition', 'capital_call', 'capital_call_part'] $$;

-- Ownership, grants, row-level security and audit triggers for every object in the schema; idempotent. Called by
-- the migrator (as the superuser that migrates) after each migration.
CREATE FUNCTION capital_secure_schema() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t record;
    readq text;
    writeq text;
    results text[] := capital_network_result_tables();
    has_trust boolean;
    has_network boolean;
BEGIN
    FOR t IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
               AND c.relowner <> 'capital_owner'::regrole LOOP
        EXECUTE format('ALTER %s public.%I OWNER TO capital_owner',
                       CASE t.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, t.relname);
    END LOOP;
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> 'capital_owner'::regrole
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('i', 'a')) LOOP
        EXECUTE format('ALTER SEQUENCE public.%I OWNER TO capital_owner', t.relname);
    END LOOP;
    FOR t IN SELECT p.oid::regprocedure AS sig, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p') AND p.proowner <> 'capital_owner'::regrole
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
        EXECUTE format('ALTER %s %s OWNER TO capital_owner', CASE t.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, t.sig);
    END LOOP;
    EXECUTE 'REVOKE EXECUTE ON FUNCTION capital_secure_schema() FROM PUBLIC';

    -- A view reads as its owner unless security_invoker: capital_owner is exempt from row-level security, so every
    -- view reads with its reader's rights instead.
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'v'
               AND NOT coalesce('security_invoker=true' = ANY (c.reloptions), false) LOOP
        EXECUTE format('ALTER VIEW public.%I SET (security_invoker = true)', t.relname);
    END LOOP;

    GRANT USAGE ON SCHEMA public TO capital_member;
    GRANT SELECT ON ALL TABLES IN SCHEMA public TO capital_member;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO capital_admin, capital_trust;

    FOR t IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY c.relname LOOP
        IF t.relname IN ('audit_log', 'schema_migrations') THEN
            CONTINUE;   -- written only by the audit trigger and the migrator
        END IF;
        EXECUTE format('GRANT INSERT, UPDATE, DELETE ON public.%I TO capital_admin', t.relname);
        SELECT bool_or(attname = 'trust_id'), bool_or(attname = 'network_id') INTO has_trust, has_network
        FROM pg_attribute WHERE attrelid = format('public.%I', t.relname)::regclass AND attnum > 0 AND NOT attisdropped;
        readq := NULL;
        IF t.relname = 'network' THEN
            readq := '(SELECT capital_sees_all_networks()) OR id = ANY ((SELECT capital_my_networks())::bigint[])';
        ELSIF t.relname = ANY (results) AND has_network THEN
            readq := '(SELECT capital_sees_all_networks()) OR network_id = ANY ((SELECT capital_my_networks())::bigint[])';
        ELSIF t.relname = 'share_set_trust' THEN
            readq := 'share_set_id IN (SELECT id FROM share_set)';     -- share_set's own policy applies
        ELSIF t.relname = ANY (results) THEN
            readq := 'plan_id IN (SELECT id FROM plan)';               -- plan's own policy applies
        ELSIF t.relname = 'capital_user' THEN
            readq := '(SELECT capital_sees_all_trusts()) OR role_name = session_user';
            writeq := '(SELECT capital_is_admin())';
        ELSIF has_trust THEN
            readq := '(SELECT capital_sees_all_trusts()) OR trust_id = ANY ((SELECT capital_my_trusts())::bigint[])';
            writeq := '(SELECT capital_is_admin()) OR trust_id = ANY ((SELECT capital_my_trusts())::bigint[])';
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON public.%I TO capital_trust', t.relname);
        ELSIF has_network THEN
            readq := '(SELECT capital_sees_all_networks()) OR network_id = ANY ((SELECT capital_my_networks())::bigint[])';
        END IF;
        IF readq IS NULL THEN
            CONTINUE;   -- a table of neither a trust nor a network (import_stage's shape): no rows to protect
        END IF;
        IF t.relname = ANY (results) OR (has_network AND NOT has_trust) THEN
            writeq := '(SELECT capital_is_admin())';
        END IF;
        EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.relname);
        EXECUTE format('ALTER TABLE public.%I FORCE ROW LEVEL SECURITY', t.relname);
        EXECUTE format('DROP POLICY IF EXISTS capital_read ON public.%I', t.relname);
        EXECUTE format('DROP POLICY IF EXISTS capital_write ON public.%I', t.relname);
        EXECUTE format('CREATE POLICY capital_read ON public.%I FOR SELECT USING (%s)', t.relname, readq);
        EXECUTE format('CREATE POLICY capital_write ON public.%I FOR ALL USING (%s) WITH CHECK (%s)', t.relname, writeq, writeq);
    END LOOP;
    IF to_regproc('public.capital_audit_attach') IS NOT NULL THEN
        PERFORM capital_audit_attach();
    END IF;
END $$;
