import CapitalCore
import Foundation
import Postgres
import Procurement

/// The register's maintenance contracts, for grouping into network support contracts.
public struct ProcurementQuery {
    /// The connection the query reads through.
    public let connection: Connection
    /// A query over `connection` (whose schema is up to date: see ``Database/open(_:migrationsDirectory:)``).
    public init(_ connection: Connection) { self.connection = connection }

    /// The network's active, not disposed assets that have any maintenance contract detail (supplier, end date or
    /// annual cost), by trust and asset tag.
    public func maintenanceContracts(network: Network) throws -> [MaintenanceContract] {
        try connection.query("""
            SELECT t.ods_code, s.code AS site, a.asset_tag, a.modality, a.manufacturer, a.contract_supplier,
                   a.contract_end, a.contract_annual_cost
            FROM asset a JOIN trust t ON t.id = a.trust_id LEFT JOIN site s ON s.id = a.site_id
            WHERE t.network_id = \(network.id) AND a.retired_at IS NULL AND a.status <> 'disposed'
              AND (a.contract_supplier IS NOT NULL OR a.contract_end IS NOT NULL OR a.contract_annual_cost IS NOT NULL)
            ORDER BY t.ods_code, a.asset_tag
            """).map { row in
            MaintenanceContract(trust: try row.decode("ods_code"), site: try row.decode("site", as: String?.self),
                                tag: try row.decode("asset_tag"), modality: Modality(rawValue: try row.decode("modality")) ?? .other,
                                manufacturer: try row.decode("manufacturer", as: String?.self),
                                supplier: try row.decode("contract_supplier", as: String?.self),
                                endDate: try row.decode("contract_end", as: CalendarDate?.self),
                                annualCost: try row.decode("contract_annual_cost", as: Pence?.self))
        }
    }
}
