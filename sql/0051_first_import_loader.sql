-- 0051: a network admin's first import COPYs straight into asset again (issue 15's throughput goal).
--
-- PostgreSQL refuses COPY FROM into a table whose row-level security applies to the user, so since 0045 a trust's
-- first import COPYs into a temporary table and moves the rows into asset with one INSERT … SELECT, where the
-- policies check them: every row written twice, the second time one at a time (docs/import.md, "Throughput").
--
-- For a network admin the policies on asset let everything through ((SELECT capital_is_admin()) is true in both
-- its USING and WITH CHECK), so checking them row by row proves nothing. capital_loader is a role exempt from
-- row-level security whose only right is INSERT on asset; network admins (capital_app among them) may SET ROLE to it
-- for the COPY of a first import alone, and go back at once. It cannot read any table, log in, or write anything
-- else, so it gives an admin nothing the policies did not already give. BYPASSRLS is a role attribute, never
-- inherited: it applies only while the role is set. A trust's own users are not members: their imports still go
-- through the temporary table and the policies. session_user (the audit trail's `who`) is unchanged by SET ROLE.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'capital_loader') THEN
        CREATE ROLE capital_loader NOLOGIN;
    END IF;
    ALTER ROLE capital_loader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION BYPASSRLS;
END $$;

GRANT USAGE ON SCHEMA public TO capital_loader;
GRANT INSERT ON asset TO capital_loader;
GRANT capital_loader TO capital_admin;
