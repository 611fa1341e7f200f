import CapitalCore
import Foundation
import Funding
import Postgres
import Valuation

/// A saved ownership share set: its version, method, status and each trust's share.
public struct SavedShareSet: Sendable, Codable, Equatable {
    /// One trust's share in the set.
    public struct Entry: Sendable, Codable, Equatable {
        /// The trust's ODS code.
        public let trust: String
        /// The figure the method divided, in pence; nil for a blend, which mixes shares rather than values.
        public let value: Pence?
        /// The exact share (0 to 1; a set's shares sum to 1), as decimal text.
        public let share: String
        /// The rounded percent with two decimals (`12.34`); a set's percents sum to exactly 100.00.
        public let percent: String
    }
    /// The set's database id.
    public let id: Int64
    /// Its version number within the network (1, 2, …, in the order saved).
    public let version: Int
    /// The ``ShareMethod`` raw value the shares were worked out by (`contribution`, `volume`, …, `blend`).
    public let method: String
    /// The valuation date the shares were worked out at (the network's formation date when the report gave none).
    public let valuedAsOf: CalendarDate
    /// Draft, approved (in force) or superseded.
    public let status: ApprovalStatus
    /// Who approved it; nil while a draft.
    public let approvedBy: String?
    /// When it was approved, in UTC (`YYYY-MM-DDTHH:MM:SSZ`); nil while a draft.
    public let approvedAt: Timestamp?
    /// When it was saved, in UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    public let createdAt: Timestamp
    /// The contributions file it was computed from, as named when saved (its SHA-256 is kept in the database too).
    public let contributionsFile: String
    /// Each trust's share, by trust code.
    public let entries: [Entry]
}

/// Saves share sets as numbered versions and approves one at a time; history is never deleted.
///
/// Approving a set supersedes the one in force in the same transaction, and the database's unique
/// index guarantees that at most one set per network is approved, whatever runs concurrently.
public struct ShareSetStore {
    /// The connection every read and write goes through (writes in their own transactions).
    public let connection: Connection
    /// A store over `connection` (whose schema is up to date: see ``Database/open(_:migrationsDirectory:)``).
    public init(_ connection: Connection) { self.connection = connection }

    /// The register's imaging equipment in the shape the valuation takes, with finance's cost, date and life where
    /// reconciliation matched the asset (sql/0056 `asset_register_value`).
    public func equipmentHoldings(network: Network) throws -> [EquipmentHolding] {
        try connection.query("""
            SELECT t.ods_code, a.asset_tag, a.modality, v.cost AS purchase_cost, v.net_book_value, v.in_service_date AS install_date,
                   v.life_years AS expected_life_years, a.exclusive_to_network, a.status
            FROM asset a JOIN trust t ON t.id = a.trust_id JOIN asset_register_value v ON v.asset_id = a.id
            WHERE t.network_id = \(network.id) AND a.retired_at IS NULL
            ORDER BY t.ods_code, a.asset_tag
            """).map { row in
            let status: String = try row.decode("status")
            return EquipmentHolding(
                trust: try row.decode("ods_code"), assetTag: try row.decode("asset_tag"),
                modality: Modality(rawValue: try row.decode("modality")) ?? .other,
                purchaseCost: try row.decode("purchase_cost", as: Pence?.self),
                netBookValue: try row.decode("net_book_value", as: Pence?.self),
                installDate: try row.decode("install_date", as: CalendarDate?.self),
                expectedLifeYears: try row.decode("expected_life_years"),
                exclusiveToNetwork: try row.decode("exclusive_to_network"),
                status: status == "in_use" ? .inService : EquipmentStatus(rawValue: status) ?? .inService)
        }
    }

    /// Saves one method's shares from a report as a new draft version; throws ``StoreRequirement/allMembersShared(missing:members:)``
    /// when the set leaves out a member trust, unless `allowPartial`.
    @discardableResult
    public func save(_ report: SharesReport, method: ShareMethod, network: Network,
                     contributionsFile: String, contributionsText: String, allowPartial: Bool = false) throws -> SavedShareSet {
        guard let set = report.set(method) else {
            throw UserError("the report has no \(method.rawValue) shares to save")
        }
        let trusts = try NetworkStore(connection).trusts(network: network)
        let ids = Dictionary(uniqueKeysWithValues: trusts.map { ($0.odsCode, $0.id) })
        for entry in set.trusts where ids[entry.trust] == nil {
            throw StoreRequirement.member(trust: entry.trust, network: network.name)
        }
        let missing = Set(ids.keys).subtracting(set.trusts.map(\.trust)).sorted()
        if !missing.isEmpty && !allowPartial {
            throw StoreRequirement.allMembersShared(missing: missing, members: ids.count)
        }
        let json = PostgresJSON(text: try report.renderJSON())
        let weights = try set.weights.map { w in
            try PostgresJSON(encoding: Dictionary(uniqueKeysWithValues: w.weights.map { ($0.method.rawValue, "\($0.weight)") }))
        }
        let id: Int64 = try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(ShareSetStore.lockBase + network.id))")
            let version: Int = try c.scalar("SELECT coalesce(max(version), 0) + 1 FROM share_set WHERE network_id = \(network.id)")
            let id: Int64 = try c.scalar("""
                INSERT INTO share_set (network_id, version, method, weights, valued_as_of, contributions_file, contributions_sha256, report)
                VALUES (\(network.id), \(version), \(method.rawValue), \(weights), \(report.asOf ?? network.formedOn),
                        \(contributionsFile), encode(sha256(convert_to(\(contributionsText), 'UTF8')), 'hex'), \(json))
                RETURNING id
                """)
            for entry in set.trusts {
                try c.execute("""
                    INSERT INTO share_set_trust (share_set_id, trust_id, value, share, percent)
                    VALUES (\(id), \(ids[entry.trust]!), \(entry.value), \(entry.share), \(Decimal(string: entry.percent)!))
                    """)
            }
            return id
        }
        return try shareSet(id: id, network: network)
    }

    /// Every saved share set of the network, drafts and superseded ones included, by version.
    public func list(network: Network) throws -> [SavedShareSet] {
        try connection.query("SELECT id FROM share_set WHERE network_id = \(network.id) ORDER BY version").map {
            try shareSet(id: try $0.decode("id"), network: network)
        }
    }

    /// The approved set in force, if any.
    public func inForce(network: Network) throws -> SavedShareSet? {
        try connection.queryFirst("SELECT id FROM share_set WHERE network_id = \(network.id) AND status = 'approved'")
            .map { try shareSet(id: try $0.decode("id"), network: network) }
    }

    /// Share set `id` with its entries; throws a `UserError` when the network has no such set.
    public func shareSet(id: Int64, network: Network) throws -> SavedShareSet {
        guard let row = try connection.queryFirst("""
            SELECT id, version, method, valued_as_of, status, approved_by, contributions_file,
                   to_char(approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS approved_at,
                   to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at
            FROM share_set WHERE id = \(id) AND network_id = \(network.id)
            """) else {
            throw UserError("no share set \(id) in \(network.name): `capital shares list` shows them")
        }
        let entries = try connection.query("""
            SELECT t.ods_code, s.value, s.share::text AS share, s.percent::text AS percent
            FROM share_set_trust s JOIN trust t ON t.id = s.trust_id
            WHERE s.share_set_id = \(id) ORDER BY t.ods_code
            """).map {
            SavedShareSet.Entry(trust: try $0.decode("ods_code"), value: try $0.decode("value", as: Pence?.self),
                                share: try $0.decode("share"), percent: try $0.decode("percent"))
        }
        return SavedShareSet(id: try row.decode("id"), version: try row.decode("version"), method: try row.decode("method"),
                             valuedAsOf: try row.decode("valued_as_of"), status: try row.decode("status"),
                             approvedBy: try row.decode("approved_by", as: String?.self),
                             approvedAt: try row.decode("approved_at", as: Timestamp?.self),
                             createdAt: try row.decode("created_at"), contributionsFile: try row.decode("contributions_file"),
                             entries: entries)
    }

    /// Set `id`'s shares as exact decimals (they sum to 1), to apportion by.
    public func ownershipShares(id: Int64, network: Network) throws -> OwnershipShares {
        let set = try shareSet(id: id, network: network)
        return try OwnershipShares(set.entries.map { entry in
            guard let share = Decimal(string: entry.share, locale: Locale(identifier: "en_US_POSIX")) else {
                throw CapitalStoreError("share set \(id): share of \(entry.trust) `\(entry.share)` is not a decimal")
            }
            return (entry.trust, share)
        })
    }

    /// Approves a draft: it comes into force and the set in force before it is superseded.
    @discardableResult
    public func approve(id: Int64, by approver: String, network: Network) throws -> SavedShareSet {
        try VersionApproval(table: "share_set", noun: "share set", lockBase: ShareSetStore.lockBase)
            .approve(id: id, by: approver, network: network, connection: connection)
        return try shareSet(id: id, network: network)
    }

    static let lockBase: Int64 = 0x5348_0000_0000 // "SH"
}
