-- 0003: saved ownership share sets, versioned per network, with approval and history.
--
-- A set is computed from a contributions file (its SHA-256 is kept) by one method. It is saved as
-- a draft; approving it records who and when and supersedes the set in force, so exactly one
-- approved set per network is in force at a time and every earlier one stays readable.

CREATE TABLE share_set (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id    bigint NOT NULL REFERENCES network (id),
    version       integer NOT NULL CHECK (version >= 1),
    method        text NOT NULL CHECK (method IN ('contribution', 'volume', 'pay', 'non-pay', 'operating', 'blend')),
    weights       jsonb,
    valued_as_of  date NOT NULL,
    contributions_file   text NOT NULL,
    contributions_sha256 text NOT NULL CHECK (contributions_sha256 ~ '^[0-9a-f]{64}$'),
    status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'superseded')),
    approved_by   text,
    approved_at   timestamptz,
    superseded_at timestamptz,
    report        jsonb NOT NULL,          -- the whole `shares compute --format json` document
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT current_user,
    UNIQUE (network_id, version),
    CHECK ((status = 'draft') = (approved_by IS NULL AND approved_at IS NULL)),
    CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))
);

-- One set in force per network.
CREATE UNIQUE INDEX share_set_one_approved ON share_set (network_id) WHERE status = 'approved';

CREATE TABLE share_set_trust (
    share_set_id  bigint NOT NULL REFERENCES share_set (id),
    trust_id      bigint NOT NULL REFERENCES trust (id),
    value         numeric(15,2) CHECK (value >= 0),
    share         numeric NOT NULL CHECK (share >= 0 AND share <= 1),   -- the exact ratio
    percent       numeric(5,2) NOT NULL CHECK (percent >= 0 AND percent <= 100),
    PRIMARY KEY (share_set_id, trust_id)
);

-- Shares in a set sum to one; shown percents to exactly 100.00 (checked when the set is saved).
CREATE FUNCTION share_set_check_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    pct numeric;
BEGIN
    SELECT sum(percent) INTO pct FROM share_set_trust WHERE share_set_id = NEW.id;
    IF pct IS DISTINCT FROM 100.00 THEN
        RAISE EXCEPTION 'share set % percents sum to %, not 100.00', NEW.id, pct
            USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER share_set_totals AFTER INSERT ON share_set
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION share_set_check_totals();
