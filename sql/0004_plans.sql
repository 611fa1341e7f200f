-- 0004: saved replacement plans, versioned per network, draft -> approved (who, when) -> superseded.
--
-- A plan keeps what it was built from (the policy text and its SHA-256, and the import batches
-- behind the register at the time), its certificate (solver status, objective, bound, gap), and
-- its content in rows: replacements per asset, spend and risk per year and per trust, and the
-- assets left at risk with what binds them. Replacement and unfunded rows carry their trust.

CREATE TABLE plan (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id     bigint NOT NULL REFERENCES network (id),
    version        integer NOT NULL CHECK (version >= 1),
    name           text NOT NULL CHECK (length(btrim(name)) > 0),
    status         text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'approved', 'superseded')),
    approved_by    text,
    approved_at    timestamptz,
    superseded_at  timestamptz,
    policy_file    text NOT NULL,
    policy_text    text NOT NULL,
    policy_sha256  text NOT NULL CHECK (policy_sha256 ~ '^[0-9a-f]{64}$'),
    register_batches bigint[] NOT NULL DEFAULT '{}',
    first_year     integer NOT NULL CHECK (first_year BETWEEN 2000 AND 2200),
    years          integer NOT NULL CHECK (years BETWEEN 1 AND 50),
    solver_status  text NOT NULL CHECK (solver_status IN ('optimal', 'feasible', 'infeasible', 'unknown')),
    objective      numeric,
    bound          numeric,
    gap            numeric CHECK (gap >= 0),
    seconds        numeric NOT NULL CHECK (seconds >= 0),
    baseline_risk  numeric NOT NULL,
    total_spend    numeric(15,2) NOT NULL CHECK (total_spend >= 0),
    document       jsonb NOT NULL,       -- the whole plan document (`capital plan --format json`)
    created_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text NOT NULL DEFAULT current_user,
    UNIQUE (network_id, version),
    CHECK ((status = 'draft') = (approved_by IS NULL AND approved_at IS NULL)),
    CHECK ((status = 'superseded') = (superseded_at IS NOT NULL)),
    CHECK (bound IS NULL OR objective IS NULL OR bound <= objective + 1e-6 * greatest(1, abs(objective)))
);

CREATE UNIQUE INDEX plan_one_approved ON plan (network_id) WHERE status = 'approved';

CREATE TABLE plan_replacement (
    plan_id   bigint NOT NULL REFERENCES plan (id),
    asset_id  bigint NOT NULL REFERENCES asset (id),
    trust_id  bigint NOT NULL REFERENCES trust (id),
    year      integer NOT NULL,
    cost      numeric(15,2) NOT NULL CHECK (cost >= 0),
    PRIMARY KEY (plan_id, asset_id, year)
);
CREATE INDEX plan_replacement_year_idx ON plan_replacement (plan_id, year);

CREATE TABLE plan_year (
    plan_id        bigint NOT NULL REFERENCES plan (id),
    year           integer NOT NULL,
    budget         numeric(15,2) NOT NULL CHECK (budget >= 0),
    spend          numeric(15,2) NOT NULL CHECK (spend >= 0),
    replacements   integer NOT NULL CHECK (replacements >= 0),
    residual_risk  numeric NOT NULL,
    baseline_risk  numeric NOT NULL,
    PRIMARY KEY (plan_id, year),
    CHECK (spend <= budget)
);

CREATE TABLE plan_trust_year (
    plan_id       bigint NOT NULL REFERENCES plan (id),
    trust_id      bigint NOT NULL REFERENCES trust (id),
    year          integer NOT NULL,
    spend_limit   numeric(15,2),
    spend         numeric(15,2) NOT NULL CHECK (spend >= 0),
    replacements  integer NOT NULL CHECK (replacements >= 0),
    residual_risk numeric NOT NULL,
    baseline_risk numeric NOT NULL,
    PRIMARY KEY (plan_id, trust_id, year),
    CHECK (spend_limit IS NULL OR spend <= spend_limit)
);

CREATE TABLE plan_unfunded (
    plan_id        bigint NOT NULL REFERENCES plan (id),
    asset_id       bigint NOT NULL REFERENCES asset (id),
    trust_id       bigint NOT NULL REFERENCES trust (id),
    due_year       integer NOT NULL,
    planned_year   integer,
    risk_carried   numeric NOT NULL,
    risk_if_replaced_when_due numeric NOT NULL,
    reasons        jsonb NOT NULL,
    PRIMARY KEY (plan_id, asset_id)
);
