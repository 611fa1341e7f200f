-- 0043: the network agreement as data (issue 17), versioned.
--
-- The network row holds the agreement in force: formation date, legal structure and call-approval threshold (0001)
-- and now each owner trust's initial contract period (seven years: "considered the minimum"), the minimum notice
-- to leave (12 months: "would be appropriate"), the entity's predicted lifespan as agreed at formation, and a
-- hosted network's host trust (NHS England/IPEM 2021 §3, §5.3). Every change to any of these, however made
-- (`network agreement set`, `calls threshold`, creating the network), is recorded as a new version in
-- network_agreement by a trigger, so the history cannot be skipped.

ALTER TABLE network
    ADD COLUMN initial_contract_years integer NOT NULL DEFAULT 7 CHECK (initial_contract_years BETWEEN 1 AND 50),
    ADD COLUMN minimum_notice_months integer NOT NULL DEFAULT 12 CHECK (minimum_notice_months BETWEEN 0 AND 120),
    ADD COLUMN lifespan_years integer CHECK (lifespan_years BETWEEN 1 AND 200),
    ADD COLUMN host_trust text CHECK (host_trust IS NULL OR host_trust ~ '^[A-Z0-9]{3,5}$'),
    ADD CONSTRAINT network_host_only_when_hosted CHECK (host_trust IS NULL OR structure = 'hosted');

CREATE TABLE network_agreement (
    network_id              bigint NOT NULL REFERENCES network (id),
    version                 integer NOT NULL CHECK (version >= 1),
    formed_on               date NOT NULL,
    structure               text NOT NULL,
    call_approval_threshold numeric(15,2),
    initial_contract_years  integer NOT NULL,
    minimum_notice_months   integer NOT NULL,
    lifespan_years          integer,
    host_trust              text,
    recorded_at             timestamptz NOT NULL DEFAULT now(),
    recorded_by             text NOT NULL DEFAULT current_user,
    PRIMARY KEY (network_id, version)
);

CREATE FUNCTION network_agreement_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.formed_on, NEW.structure, NEW.call_approval_threshold, NEW.initial_contract_years,
            NEW.minimum_notice_months, NEW.lifespan_years, NEW.host_trust)
           IS NOT DISTINCT FROM
           (OLD.formed_on, OLD.structure, OLD.call_approval_threshold, OLD.initial_contract_years,
            OLD.minimum_notice_months, OLD.lifespan_years, OLD.host_trust) THEN
        RETURN NULL;
    END IF;
    INSERT INTO network_agreement (network_id, version, formed_on, structure, call_approval_threshold,
                                   initial_contract_years, minimum_notice_months, lifespan_years, host_trust)
    SELECT NEW.id, coalesce(max(version), 0) + 1, NEW.formed_on, NEW.structure, NEW.call_approval_threshold,
           NEW.initial_contract_years, NEW.minimum_notice_months, NEW.lifespan_years, NEW.host_trust
    FROM network_agreement WHERE network_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER network_agreement_record AFTER INSERT OR UPDATE ON network
    FOR EACH ROW EXECUTE FUNCTION network_agreement_record();

-- Networks made before this migration start their history with what they hold now.
INSERT INTO network_agreement (network_id, version, formed_on, structure, call_approval_threshold,
                               initial_contract_years, minimum_notice_months, lifespan_years, host_trust)
SELECT id, 1, formed_on, structure, call_approval_threshold, initial_contract_years, minimum_notice_months,
       lifespan_years, host_trust
FROM network;
