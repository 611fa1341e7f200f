-- 0041: `capital network delete` (issue 19) may remove a network's approved and issued capital calls.
--
-- A call past draft stays fixed for every other statement: its money, parts and existence are guarded by
-- capital_call_guard and capital_call_part_guard (0005). Deleting the whole network is the one exception:
-- NetworkStore.deleteNetwork sets capital.deleting_network to the network's id for its own transaction only
-- (set_config(..., true)), after the user confirmed by typing the network's name or passing --yes, and the
-- guards let that network's calls and parts go. Any other network's calls stay guarded in the same
-- transaction. This is not an access control (that is row-level security's job): it keeps the rule "an
-- issued call never changes" from blocking the removal of everything the call belonged to.

CREATE OR REPLACE FUNCTION capital_call_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'draft'
           AND current_setting('capital.deleting_network', true) IS DISTINCT FROM OLD.network_id::text THEN
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

CREATE OR REPLACE FUNCTION capital_call_part_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    st text;
    ref text;
    net bigint;
BEGIN
    SELECT status, reference, network_id INTO st, ref, net FROM capital_call
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.call_id ELSE NEW.call_id END;
    IF TG_OP = 'DELETE' AND current_setting('capital.deleting_network', true) IS NOT DISTINCT FROM net::text THEN
        RETURN OLD;
    END IF;
    IF st IS DISTINCT FROM 'draft' THEN
        RAISE EXCEPTION 'capital call % is %: its parts can no longer change', ref, st USING ERRCODE = '23514';
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.call_id <> NEW.call_id THEN
        RAISE EXCEPTION 'a part cannot move to another call' USING ERRCODE = '23514';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
