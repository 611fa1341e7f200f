-- 0005: capital calls on the owner trusts, each trust's part in pence, and trusts' notice periods.
--
-- A call (an investment such as a plan year's replacements, or a redundancy cost) is apportioned
-- when it is added, by the approved share set in force, among the trusts sharing on its date (a
-- trust that gave notice stops sharing on notice date + notice months). Its parts are stored, one
-- row per trust, and must sum exactly to the call (checked at commit). A call moves
-- draft -> approved -> issued only; once it leaves draft its amount, date and parts are fixed.

-- The notice period a trust's exit runs for (NHS England/IPEM 2021 §5.3: 12 months is appropriate).
ALTER TABLE trust ADD COLUMN notice_months integer NOT NULL DEFAULT 12 CHECK (notice_months BETWEEN 0 AND 120);

-- Composite keys so a call's share set, plan and parts stay inside its own network.
ALTER TABLE share_set ADD CONSTRAINT share_set_id_network_key UNIQUE (id, network_id);
ALTER TABLE plan ADD CONSTRAINT plan_id_network_key UNIQUE (id, network_id);

CREATE TABLE capital_call (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id           bigint NOT NULL REFERENCES network (id),
    -- CC-<year of the call date>-<number within that year and network>, e.g. CC-2026-001.
    reference            text NOT NULL CHECK (reference ~ '^CC-[0-9]{4}-[0-9]{3,}$'),
    kind                 text NOT NULL DEFAULT 'investment' CHECK (kind IN ('investment', 'redundancy')),
    purpose              text NOT NULL CHECK (length(btrim(purpose)) > 0),
    amount               numeric(15,2) NOT NULL CHECK (amount > 0),
    call_date            date NOT NULL CHECK (call_date >= DATE '2000-01-01'),
    business_case_ref    text CHECK (business_case_ref IS NULL OR length(btrim(business_case_ref)) > 0),
    -- A call for a plan year's replacements names the plan and the year.
    plan_id              bigint,
    plan_year            integer,
    -- The approved share set it was apportioned by.
    share_set_id         bigint NOT NULL,
    -- The network's threshold when the call was made (NULL: none agreed, so the owner trusts approve every call).
    approval_threshold   numeric(15,2) CHECK (approval_threshold >= 0),
    needs_owner_approval boolean NOT NULL,
    owner_approval_ref   text CHECK (owner_approval_ref IS NULL OR length(btrim(owner_approval_ref)) > 0),
    status               text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'issued')),
    approved_by          text,
    approved_at          timestamptz,
    issued_by            text,
    issued_at            timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    created_by           text NOT NULL DEFAULT current_user,
    UNIQUE (network_id, reference),
    UNIQUE (id, network_id),
    -- A plan year is called once.
    UNIQUE (plan_id, plan_year),
    FOREIGN KEY (share_set_id, network_id) REFERENCES share_set (id, network_id),
    FOREIGN KEY (plan_id, network_id) REFERENCES plan (id, network_id),
    CHECK ((plan_id IS NULL) = (plan_year IS NULL)),
    CHECK (plan_id IS NULL OR kind = 'investment'),
    CHECK (needs_owner_approval = (approval_threshold IS NULL OR amount > approval_threshold)),
    CHECK ((status = 'draft') = (approved_by IS NULL AND approved_at IS NULL)),
    CHECK ((status = 'issued') = (issued_by IS NOT NULL AND issued_at IS NOT NULL)),
    -- Beyond draft: a business case always; the owner trusts' approval reference when needed.
    CHECK (status = 'draft' OR business_case_ref IS NOT NULL),
    CHECK (status = 'draft' OR NOT needs_owner_approval OR owner_approval_ref IS NOT NULL)
);

CREATE INDEX capital_call_date_idx ON capital_call (network_id, call_date);

-- Each sharing trust's part of a call. Trusts excluded by an exit have no row.
CREATE TABLE capital_call_part (
    call_id     bigint NOT NULL,
    network_id  bigint NOT NULL,
    trust_id    bigint NOT NULL,
    share       numeric NOT NULL CHECK (share >= 0 AND share <= 1),   -- the (re-normalised) share used
    amount      numeric(15,2) NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (call_id, trust_id),
    FOREIGN KEY (call_id, network_id) REFERENCES capital_call (id, network_id),
    FOREIGN KEY (trust_id, network_id) REFERENCES trust (id, network_id)
);
CREATE INDEX capital_call_part_trust_idx ON capital_call_part (trust_id);

-- A call's parts sum exactly to its amount: checked at commit, so a call and its parts go in together.
CREATE FUNCTION capital_call_check_parts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
    cid bigint;
    ref text;
    expected numeric;
    total numeric;
BEGIN
    IF TG_TABLE_NAME = 'capital_call' THEN
        ids := ARRAY[NEW.id];
    ELSIF TG_OP = 'DELETE' THEN
        ids := ARRAY[OLD.call_id];
    ELSIF TG_OP = 'UPDATE' THEN
        ids := ARRAY[OLD.call_id, NEW.call_id];
    ELSE
        ids := ARRAY[NEW.call_id];
    END IF;
    FOREACH cid IN ARRAY ids LOOP
        SELECT reference, amount INTO ref, expected FROM capital_call WHERE id = cid;
        CONTINUE WHEN NOT FOUND;
        SELECT coalesce(sum(amount), 0) INTO total FROM capital_call_part WHERE call_id = cid;
        IF total <> expected THEN
            RAISE EXCEPTION 'capital call % parts sum to %, not the call amount %', ref, total, expected
                USING ERRCODE = '23514';
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER capital_call_parts_sum AFTER INSERT OR UPDATE OF amount ON capital_call
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION capital_call_check_parts();
CREATE CONSTRAINT TRIGGER capital_call_part_sum AFTER INSERT OR UPDATE OR DELETE ON capital_call_part
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION capital_call_check_parts();

-- Status moves draft -> approved -> issued only; after draft a call's money and parts are fixed.
CREATE FUNCTION capital_call_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft' THEN
            RAISE EXCEPTION 'capital call % is %: only a draft call can be deleted', OLD.reference, OLD.status
                USING ERRCODE = '23514';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status
       AND NOT ((OLD.status = 'draft' AND NEW.status = 'approved') OR (OLD.status = 'approved' AND NEW.status = 'issued')) THEN
        RAISE EXCEPTION 'capital call % cannot move from % to %: calls go draft -> approved -> issued',
            OLD.reference, OLD.status, NEW.status USING ERRCODE = '23514';
    END IF;
    IF OLD.status <> 'draft'
       AND (NEW.network_id, NEW.reference, NEW.kind, NEW.amount, NEW.call_date, NEW.share_set_id, NEW.plan_id, NEW.plan_year,
            NEW.approval_threshold, NEW.needs_owner_approval)
           IS DISTINCT FROM
           (OLD.network_id, OLD.reference, OLD.kind, OLD.amount, OLD.call_date, OLD.share_set_id, OLD.plan_id, OLD.plan_year,
            OLD.approval_threshold, OLD.needs_owner_approval) THEN
        RAISE EXCEPTION 'capital call % is %: its amount, date and apportionment can no longer change', OLD.reference, OLD.status
            USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER capital_call_guard BEFORE UPDATE OR DELETE ON capital_call
    FOR EACH ROW EXECUTE FUNCTION capital_call_guard();

CREATE FUNCTION capital_call_part_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    st text;
    ref text;
BEGIN
    SELECT status, reference INTO st, ref FROM capital_call
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.call_id ELSE NEW.call_id END;
    IF st IS DISTINCT FROM 'draft' THEN
        RAISE EXCEPTION 'capital call % is %: its parts can no longer change', ref, st USING ERRCODE = '23514';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.call_id <> NEW.call_id THEN
        RAISE EXCEPTION 'a part cannot move to another call' USING ERRCODE = '23514';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER capital_call_part_guard BEFORE INSERT OR UPDATE OR DELETE ON capital_call_part
    FOR EACH ROW EXECUTE FUNCTION capital_call_part_guard();
