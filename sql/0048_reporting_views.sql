-- 0048: reporting views, the stable interface for BI tools (Power BI, Excel; issue 16). Each is created
-- WITH (security_invoker = true), so the reader's own rights and row-level security apply through it: a trust's
-- analyst sees its own register and the network's results, the board everything. (A view without it would read as
-- its owner, capital_owner, who is exempt from row-level security; capital_secure_schema sets it on every view.)
-- Columns are documented in docs/security.md; they are added to, never renamed or removed.

CREATE VIEW report_register WITH (security_invoker = true) AS
SELECT n.name AS network, t.ods_code AS trust, t.name AS trust_name, s.code AS site, a.asset_tag, a.modality,
       a.manufacturer, a.model, a.serial, a.install_date, a.expected_life_years, a.purchase_cost, a.net_book_value,
       a.status, a.support_end, a.contract_annual_cost, (a.retired_at IS NULL) AS in_register
FROM asset a
JOIN trust t ON t.id = a.trust_id
JOIN network n ON n.id = t.network_id
LEFT JOIN site s ON s.id = a.site_id;

CREATE VIEW report_plan_by_year WITH (security_invoker = true) AS
SELECT n.name AS network, p.id AS plan_id, p.version AS plan_version, p.name AS plan_name, p.status AS plan_status,
       y.year, y.budget, y.spend, y.replacements, y.additions, y.expected_cost, y.expected_cost_without
FROM plan_year y
JOIN plan p ON p.id = y.plan_id
JOIN network n ON n.id = p.network_id;

CREATE VIEW report_plan_replacements WITH (security_invoker = true) AS
SELECT n.name AS network, p.id AS plan_id, p.status AS plan_status, r.year, t.ods_code AS trust, a.asset_tag,
       a.modality, r.cost, r.equipment, r.works, r.vat
FROM plan_replacement r
JOIN plan p ON p.id = r.plan_id
JOIN network n ON n.id = p.network_id
JOIN trust t ON t.id = r.trust_id
LEFT JOIN asset a ON a.id = r.asset_id;

CREATE VIEW report_calls_by_trust WITH (security_invoker = true) AS
SELECT n.name AS network, c.reference, c.kind, c.purpose, c.call_date, c.status, c.amount AS call_amount,
       t.ods_code AS trust, t.name AS trust_name, cp.share, cp.amount
FROM capital_call_part cp
JOIN capital_call c ON c.id = cp.call_id
JOIN trust t ON t.id = cp.trust_id
JOIN network n ON n.id = c.network_id;
