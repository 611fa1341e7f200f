-- 0049: owner-trust approval of a capital call, recorded once per owner trust, each by a finance user of that
-- trust (issue 16). Under the scheme of delegation a call above the network's threshold needs the owner trusts'
-- approval: each trust with a part in the call records its own (`capital calls approve CALL --trust CODE`), with its reference
-- (a board minute, say) and, set here, the login that recorded it. Once every part's trust has, an admin may approve
-- the call without typing an --owner-approval reference. Recorded approvals never change; they go only with their
-- network (`capital network delete`, sql/0041's setting).
--
-- The table holds a trust's rows (trust_id), so capital_secure_schema gives it the trust policies: each trust's
-- users see and write their own trust's rows, admins and the board see all. The trigger narrows writing to a finance
-- user of the row's trust: not an admin, not another trust, not an equipment or procurement user.

CREATE TABLE capital_call_owner_approval (
    call_id     bigint NOT NULL,
    network_id  bigint NOT NULL,
    trust_id    bigint NOT NULL,
    reference   text NOT NULL CHECK (length(btrim(reference)) > 0),
    approved_as text NOT NULL DEFAULT session_user,
    approved_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (call_id, trust_id),
    FOREIGN KEY (call_id, network_id) REFERENCES capital_call (id, network_id),
    FOREIGN KEY (trust_id, network_id) REFERENCES trust (id, network_id)
);

CREATE FUNCTION capital_call_owner_approval_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    st text;
    ref text;
    needs boolean;
    code text;
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('capital.deleting_network', true) IS NOT DISTINCT FROM OLD.network_id::text THEN
        RETURN OLD;
    ELSIF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION 'an owner trust''s approval of a call is never changed or withdrawn once recorded'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT ods_code INTO code FROM trust WHERE id = NEW.trust_id;
    IF NOT EXISTS (SELECT 1 FROM capital_user
                   WHERE role_name = session_user AND trust_id = NEW.trust_id AND trust_role = 'finance') THEN
        RAISE EXCEPTION '% may not approve for trust %: only a finance user of that trust may', capital_whoami(), code
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT status, reference, needs_owner_approval INTO st, ref, needs FROM capital_call WHERE id = NEW.call_id;
    IF st IS DISTINCT FROM 'draft' THEN
        RAISE EXCEPTION 'capital call % is %: the owner trusts approve a draft call', ref, st USING ERRCODE = '23514';
    ELSIF NOT needs THEN
        RAISE EXCEPTION 'capital call % is within the approval threshold: it needs no owner approval', ref USING ERRCODE = '23514';
    ELSIF NOT EXISTS (SELECT 1 FROM capital_call_part WHERE call_id = NEW.call_id AND trust_id = NEW.trust_id) THEN
        RAISE EXCEPTION 'trust % has no part in capital call %', code, ref USING ERRCODE = '23514';
    END IF;
    NEW.approved_as := session_user;
    NEW.approved_at := now();
    RETURN NEW;
END $$;

CREATE TRIGGER capital_call_owner_approval_check BEFORE INSERT OR UPDATE OR DELETE ON capital_call_owner_approval
    FOR EACH ROW EXECUTE FUNCTION capital_call_owner_approval_check();
