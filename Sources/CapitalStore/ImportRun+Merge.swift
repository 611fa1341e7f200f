import CapitalCore
import Foundation
import Postgres
import Register

extension ImportRun {
    // MARK: 2. The merge

    /// Phase 2, second half: the staged rows into `asset`, set-based: a staged row whose canonical
    /// columns differ from the register's (or whose asset was retired) updates it; a new tag is added.
    /// A trust's first import is in `asset` already (see ``copyFirstImport()``) and merges nothing.
    func merge() throws {
        let c = connection
        outcome.sitesCreated = sites.created.sorted()
        if !firstImport {
            try c.execute("CREATE TEMP TABLE import_site_map (site text PRIMARY KEY, site_id bigint NOT NULL) ON COMMIT DROP")
            let known = sites.known
            try c.execute("INSERT INTO import_site_map SELECT * FROM unnest(\(known.map(\.key.text))::text[], \(known.map(\.value))::bigint[])")
        }

        // A trust's first import is in `asset` already (see above); later ones merge the staged rows.
        // Each updated asset's row as it was goes into asset_prior in the same statement (the main query reads
        // the snapshot from before the UPDATE), so `capital import undo` can restore it (sql/0050).
        outcome.updated = firstImport ? 0 : try c.execute("""
            WITH changed AS (UPDATE asset a SET
                site_id = m.site_id, serial = s.serial, manufacturer = s.manufacturer, manufacturer_given = s.manufacturer_given,
                model = s.model, modality = s.modality, description = s.description, department = s.department,
                install_date = s.install_date, purchase_cost = s.purchase_cost, net_book_value = s.net_book_value,
                expected_life_years = s.expected_life_years, support_end = s.support_end, status = s.status,
                exclusive_to_network = coalesce(s.exclusive_to_network, a.exclusive_to_network),
                criticality = s.criticality, failures_last_year = s.failures_last_year,
                downtime_hours_last_year = s.downtime_hours_last_year, contract_supplier = s.contract_supplier,
                contract_end = s.contract_end, contract_annual_cost = s.contract_annual_cost,
                raw = s.raw, batch_id = \(batch), source_row = s.row_number, retired_at = NULL, retired_batch_id = NULL, updated_at = now()
            FROM import_stage_rows s LEFT JOIN import_site_map m ON m.site = s.site
            WHERE s.kind = 'a' AND a.trust_id = \(trust.id) AND a.asset_tag = s.asset_tag
              AND (a.retired_at IS NOT NULL
                   OR a.site_id IS DISTINCT FROM m.site_id OR a.serial IS DISTINCT FROM s.serial
                   OR a.manufacturer IS DISTINCT FROM s.manufacturer OR a.manufacturer_given IS DISTINCT FROM s.manufacturer_given
                   OR a.model IS DISTINCT FROM s.model OR a.modality IS DISTINCT FROM s.modality
                   OR a.description IS DISTINCT FROM s.description OR a.department IS DISTINCT FROM s.department
                   OR a.install_date IS DISTINCT FROM s.install_date OR a.purchase_cost IS DISTINCT FROM s.purchase_cost
                   OR a.net_book_value IS DISTINCT FROM s.net_book_value OR a.expected_life_years IS DISTINCT FROM s.expected_life_years
                   OR a.support_end IS DISTINCT FROM s.support_end OR a.status IS DISTINCT FROM s.status
                   OR a.exclusive_to_network IS DISTINCT FROM coalesce(s.exclusive_to_network, a.exclusive_to_network)
                   OR a.criticality IS DISTINCT FROM s.criticality OR a.failures_last_year IS DISTINCT FROM s.failures_last_year
                   OR a.downtime_hours_last_year IS DISTINCT FROM s.downtime_hours_last_year
                   OR a.contract_supplier IS DISTINCT FROM s.contract_supplier OR a.contract_end IS DISTINCT FROM s.contract_end
                   OR a.contract_annual_cost IS DISTINCT FROM s.contract_annual_cost)
            RETURNING a.id)
            INSERT INTO asset_prior (batch_id, trust_id, asset_id, change, prior)
            SELECT \(batch), \(trust.id), p.id, 'updated', to_jsonb(p) FROM asset p JOIN changed ON changed.id = p.id WHERE p.trust_id = \(trust.id)
            """)
        if !firstImport { outcome.added = try c.execute("""
            INSERT INTO asset (trust_id, site_id, asset_tag, serial, manufacturer, manufacturer_given, model, modality, description,
                               department, install_date, purchase_cost, net_book_value, expected_life_years, support_end, status,
                               exclusive_to_network, criticality, failures_last_year, downtime_hours_last_year, contract_supplier,
                               contract_end, contract_annual_cost, raw, batch_id, first_batch_id, source_row)
            SELECT \(trust.id), m.site_id, s.asset_tag, s.serial, s.manufacturer, s.manufacturer_given, s.model, s.modality, s.description,
                   s.department, s.install_date, s.purchase_cost, s.net_book_value, s.expected_life_years, s.support_end, s.status,
                   coalesce(s.exclusive_to_network, false), s.criticality, s.failures_last_year, s.downtime_hours_last_year,
                   s.contract_supplier, s.contract_end, s.contract_annual_cost, s.raw, \(batch), \(batch), s.row_number
            FROM import_stage_rows s LEFT JOIN import_site_map m ON m.site = s.site
            WHERE s.kind = 'a' AND NOT EXISTS (SELECT 1 FROM asset a WHERE a.trust_id = \(trust.id) AND a.asset_tag = s.asset_tag)
            """) }
        outcome.unchanged = staged - outcome.added - outcome.updated
        clock.phase("merge")
    }
}
