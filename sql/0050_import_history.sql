-- 0050: import history (issue 15): `capital import list | show | rejects | undo`.
--
-- import_batch also records the database identity that imported it (imported_as: session_user, the login; older
-- batches have only imported_by, the user name capital was given), and how its file was read: the mapping actually used (canonical field -> the file's
-- header, after any --map), the --map options given, the header's row and whether it was given (--header-row)
-- or found; and, once undone, who undid it and when. An undone batch stays, for the record: it no longer counts
-- as a trust's latest batch, and cannot be undone twice.
--
-- asset_prior keeps what an import overwrote, so that `capital import undo` can put a trust's register back
-- exactly: for every asset a batch updated (the merge) or retired (--retire-missing), the whole row as it was
-- before, as jsonb (so columns added to asset later are kept too). It is filled by the import in the same
-- statement that changes the asset; a trust's first import only inserts, and records nothing. Assets a batch
-- inserted are the ones whose first_batch_id is that batch.
--
-- keeps_prior says whether a batch was imported after this migration, so that its overwritten rows were kept:
-- batches from before (false) can be undone only if they updated and retired nothing.
--
-- asset_reject also holds the rows a batch skipped (not imaging, no recognisable modality, exact repeats):
-- kind 'skipped', with the reason as its one issue, so `capital import rejects` lists what `--errors` listed.

ALTER TABLE import_batch
    ADD COLUMN imported_as      text,
    ADD COLUMN mapping          jsonb,
    ADD COLUMN map_options      text[] NOT NULL DEFAULT '{}',
    ADD COLUMN header_row       integer CHECK (header_row >= 1),
    ADD COLUMN header_row_given boolean NOT NULL DEFAULT false,
    ADD COLUMN keeps_prior      boolean NOT NULL DEFAULT false,
    ADD COLUMN undone_at        timestamptz,
    ADD COLUMN undone_by        text,
    ADD CONSTRAINT import_batch_undone_check CHECK ((undone_at IS NULL) = (undone_by IS NULL));
-- Rows already there were imported before asset_prior existed; every new batch keeps its prior rows, and records the
-- database identity that imported it (imported_by holds the name capital was given: the computer's user name).
ALTER TABLE import_batch ALTER COLUMN keeps_prior SET DEFAULT true, ALTER COLUMN imported_as SET DEFAULT session_user;

ALTER TABLE asset_reject
    ADD COLUMN kind text NOT NULL DEFAULT 'rejected' CHECK (kind IN ('rejected', 'skipped'));

CREATE TABLE asset_prior (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    batch_id  bigint NOT NULL,
    trust_id  bigint NOT NULL,
    asset_id  bigint NOT NULL,
    change    text NOT NULL CHECK (change IN ('updated', 'retired')),
    prior     jsonb NOT NULL,            -- to_jsonb(asset) before the batch changed it
    FOREIGN KEY (batch_id, trust_id) REFERENCES import_batch (id, trust_id)
);
CREATE INDEX asset_prior_batch_idx ON asset_prior (batch_id);

-- asset_prior's inserts come an import at a time (a re-import may update every row): audited as asset's are, one
-- row per statement, trust and batch with the id range and count (the values are in asset_prior itself).
-- capital_audit_attach (0047) attaches the rest of a table's triggers only where audit_insert is missing, so all
-- four are created here.
CREATE TRIGGER audit_insert AFTER INSERT ON asset_prior REFERENCING NEW TABLE AS audit_new
    FOR EACH STATEMENT EXECUTE FUNCTION capital_audit('id', 'prior', 'summary');
CREATE TRIGGER audit_update AFTER UPDATE ON asset_prior REFERENCING OLD TABLE AS audit_old NEW TABLE AS audit_new
    FOR EACH STATEMENT EXECUTE FUNCTION capital_audit('id', 'prior');
CREATE TRIGGER audit_delete AFTER DELETE ON asset_prior REFERENCING OLD TABLE AS audit_old
    FOR EACH STATEMENT EXECUTE FUNCTION capital_audit('id', 'prior');
CREATE TRIGGER audit_truncate AFTER TRUNCATE ON asset_prior
    FOR EACH STATEMENT EXECUTE FUNCTION capital_audit('id', 'prior');
