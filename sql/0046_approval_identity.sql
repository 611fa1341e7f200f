-- 0046: approvals bound to a real identity (issue 16). Beside the capacity text the user types (--by "Network
-- board"), every approval and issue records the PostgreSQL role that logged in (session_user), set by a trigger so
-- that no client can write another name; and only a network admin may approve a plan or a share set, or approve or
-- issue a capital call (a trust's finance user cannot: the refusal names the user, its trust and its role).
-- Rows approved before this migration keep approved_as NULL: nobody knows who logged in then.

ALTER TABLE share_set ADD COLUMN approved_as text;
ALTER TABLE plan ADD COLUMN approved_as text;
ALTER TABLE capital_call ADD COLUMN approved_as text, ADD COLUMN issued_as text;

CREATE FUNCTION capital_record_approver() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    approving boolean := NEW.approved_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.approved_at IS NULL);
    issuing boolean := TG_TABLE_NAME = 'capital_call' AND (to_jsonb(NEW) ->> 'issued_at') IS NOT NULL
                       AND (TG_OP = 'INSERT' OR (to_jsonb(OLD) ->> 'issued_at') IS NULL);
BEGIN
    IF (approving OR issuing) AND NOT capital_is_admin() THEN
        RAISE EXCEPTION '% may not % % %: only a network admin may',
            capital_whoami(), CASE WHEN issuing THEN 'issue' ELSE 'approve' END, replace(TG_TABLE_NAME, '_', ' '),
            coalesce(to_jsonb(NEW) ->> 'reference', NEW.id::text)
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF approving THEN
        NEW.approved_as := session_user;
    ELSIF TG_OP = 'UPDATE' THEN
        NEW.approved_as := OLD.approved_as;   -- never rewritten by a client
    END IF;
    IF TG_TABLE_NAME = 'capital_call' THEN
        IF issuing THEN
            NEW := jsonb_populate_record(NEW, jsonb_build_object('issued_as', session_user));
        ELSIF TG_OP = 'UPDATE' THEN
            NEW := jsonb_populate_record(NEW, jsonb_build_object('issued_as', to_jsonb(OLD) ->> 'issued_as'));
        END IF;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER share_set_approver BEFORE INSERT OR UPDATE ON share_set
    FOR EACH ROW EXECUTE FUNCTION capital_record_approver();
CREATE TRIGGER plan_approver BEFORE INSERT OR UPDATE ON plan
    FOR EACH ROW EXECUTE FUNCTION capital_record_approver();
CREATE TRIGGER capital_call_approver BEFORE INSERT OR UPDATE ON capital_call
    FOR EACH ROW EXECUTE FUNCTION capital_record_approver();
