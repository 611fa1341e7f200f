import CapitalCore
import Foundation
import Planning
import Postgres

/// Reads the network register in the shape the planner takes.
public struct PlanAssetQuery {
    /// The connection the query reads through.
    public let connection: Connection
    /// A query over `connection` (whose schema is up to date: see ``Database/open(_:migrationsDirectory:)``).
    public init(_ connection: Connection) { self.connection = connection }

    /// The network's active assets with an install date (finance's in-service date, cost and life where reconciliation
    /// matched the asset: sql/0056) (the planner ages them from it), and the
    /// tags of those left out because the register has no install date, so the caller can say so.
    public func assets(network: Network) throws -> (assets: [PlanAsset], withoutInstallDate: [String]) {
        var assets: [PlanAsset] = []
        var missing: [String] = []
        try connection.forEachRow("""
            SELECT t.ods_code, coalesce(s.code, 'UNKNOWN') AS site, a.asset_tag, a.modality, v.in_service_date AS install_date,
                   v.cost AS purchase_cost, v.life_years AS expected_life_years, a.support_end, a.failures_last_year,
                   a.downtime_hours_last_year, a.criticality, a.status,
                   a.contract_annual_cost
            FROM asset a JOIN trust t ON t.id = a.trust_id LEFT JOIN site s ON s.id = a.site_id
            JOIN asset_register_value v ON v.asset_id = a.id
            WHERE t.network_id = \(network.id) AND a.retired_at IS NULL AND a.status <> 'disposed'
            ORDER BY t.ods_code, a.asset_tag
            """) { row in
            let trust: String = try row.decode("ods_code")
            let tag: String = try row.decode("asset_tag")
            guard let installed = try row.decode("install_date", as: CalendarDate?.self) else {
                missing.append("\(trust)/\(tag)")
                return
            }
            assets.append(PlanAsset(
                trust: trust, site: try row.decode("site"), tag: tag,
                modality: Modality(rawValue: try row.decode("modality")) ?? .other, installDate: installed,
                purchaseCost: try row.decode("purchase_cost", as: Pence?.self),
                expectedLifeYears: try row.decode("expected_life_years", as: Int?.self),
                supportEnd: try row.decode("support_end", as: CalendarDate?.self),
                failuresLastYear: try row.decode("failures_last_year", as: Int?.self) ?? 0,
                downtimeHoursLastYear: try row.decode("downtime_hours_last_year", as: Double?.self) ?? 0,
                criticality: try row.decode("criticality", as: Int?.self),
                maintenanceAnnualCost: try row.decode("contract_annual_cost", as: Pence?.self)))
        }
        return (assets, missing)
    }
}
