-- 0044: exits by the agreement and redundancy only after redeployment (issue 17).
--
-- Exit (NHS England/IPEM 2021 §5.3, "Exit arrangements" and "Trust contracts"): notice shorter than the agreement's
-- minimum is an early exit; the leaver stops sharing calls from notice date + its notice, but is charged its share,
-- as if still a member, of the network's extra costs (calls, redundancy and stranded costs) dated before notice date +
-- the minimum notice (exit_charged_until). An exit before the initial contract period ends records the board decision
-- that allowed it.
ALTER TABLE trust
    ADD COLUMN exit_early boolean NOT NULL DEFAULT false,
    ADD COLUMN exit_charged_until date,
    ADD COLUMN exit_board_decision text CHECK (exit_board_decision IS NULL OR length(btrim(exit_board_decision)) > 0),
    ADD CONSTRAINT trust_exit_charged_until_after_leaving
        CHECK (exit_charged_until IS NULL OR (left_on IS NOT NULL AND exit_charged_until >= left_on)),
    ADD CONSTRAINT trust_exit_early_is_charged CHECK (exit_early = (exit_charged_until IS NOT NULL));

-- Stranded costs are recorded and shared like redundancy costs.
ALTER TABLE capital_call DROP CONSTRAINT capital_call_kind_check;
ALTER TABLE capital_call ADD CONSTRAINT capital_call_kind_check CHECK (kind IN ('investment', 'redundancy', 'stranded'));

-- Redundancy "only considered after all redeployment routes are exhausted": who stated they were, and when.
-- NOT VALID: a redundancy call recorded before this rule keeps its place; every new or changed one must carry it.
ALTER TABLE capital_call
    ADD COLUMN redeployment_exhausted_by text CHECK (redeployment_exhausted_by IS NULL OR length(btrim(redeployment_exhausted_by)) > 0),
    ADD COLUMN redeployment_exhausted_on date;
ALTER TABLE capital_call ADD CONSTRAINT capital_call_redundancy_after_redeployment
    CHECK (kind <> 'redundancy' OR (redeployment_exhausted_by IS NOT NULL AND redeployment_exhausted_on IS NOT NULL
                                    AND redeployment_exhausted_on <= call_date)) NOT VALID;
