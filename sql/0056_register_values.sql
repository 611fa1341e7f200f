-- 0056: one definition of an asset's values for the valuation and the plan (issue 18). Where `capital reconcile` has
-- linked a finance record to the asset, its cost, in-service date and useful life come from finance; otherwise (or
-- where finance leaves one out) from the CMMS, and each value says which (`*_source`: 'finance' or 'cmms'; NULL when
-- neither has it). A matched asset's net book value is not taken from either register: the valuation computes it,
-- straight line over the finance useful life at its as-of date (Valuation's EquipmentValuer), so net_book_value here
-- is the CMMS register's only for assets finance has not matched.
CREATE VIEW asset_register_value AS
SELECT a.id AS asset_id, a.trust_id, f.asset_number,
       coalesce(f.cost, a.purchase_cost) AS cost,
       CASE WHEN f.cost IS NOT NULL THEN 'finance' WHEN a.purchase_cost IS NOT NULL THEN 'cmms' END AS cost_source,
       coalesce(f.in_service_date, a.install_date) AS in_service_date,
       CASE WHEN f.in_service_date IS NOT NULL THEN 'finance' WHEN a.install_date IS NOT NULL THEN 'cmms' END AS date_source,
       CASE WHEN f.useful_life_months IS NOT NULL THEN least(50, greatest(1, round(f.useful_life_months / 12.0)))::integer
            ELSE a.expected_life_years END AS life_years,
       CASE WHEN f.useful_life_months IS NOT NULL THEN 'finance' ELSE 'cmms' END AS life_source,
       CASE WHEN f.id IS NULL THEN a.net_book_value END AS net_book_value
FROM asset a
LEFT JOIN finance_record f ON f.asset_id = a.id AND f.retired_at IS NULL;
