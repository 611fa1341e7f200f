import CapitalCore
import Foundation
import Funding
import Postgres

/// One version of a network's agreement: what it said, and who recorded it when.
public struct AgreementVersion: Sendable, Equatable {
    /// 1 for the agreement the network was created with; each change adds one.
    public let version: Int
    /// The agreement as it stood in this version.
    public let agreement: NetworkAgreement
    /// When it was recorded, in UTC.
    public let recordedAt: Timestamp
    /// The database user who recorded it.
    public let recordedBy: String
}

/// Reads and changes the network agreement (``NetworkAgreement``); the database records every change as a version
/// (sql/0021), whichever command made it.
public struct AgreementStore {
    /// The connection every read and write goes through.
    public let connection: Connection
    /// A store over `connection`.
    public init(_ connection: Connection) { self.connection = connection }

    /// The agreement in force (the network row), with its version.
    public func current(network: Network) throws -> AgreementVersion {
        guard let v = try history(network: network).last else {
            throw CapitalStoreError("network \(network.name) has no recorded agreement")
        }
        return v
    }

    /// Every version, oldest first.
    public func history(network: Network) throws -> [AgreementVersion] {
        try connection.query("""
            SELECT version, formed_on, structure, call_approval_threshold, initial_contract_years, minimum_notice_months,
                   lifespan_years, host_trust,
                   to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS recorded, recorded_by
            FROM network_agreement WHERE network_id = \(network.id) ORDER BY version
            """).map { row in
            AgreementVersion(
                version: try row.decode("version"),
                agreement: NetworkAgreement(
                    formedOn: try row.decode("formed_on"),
                    structure: NetworkStructure(rawValue: try row.decode("structure")) ?? .collaboration,
                    callApprovalThreshold: try row.decode("call_approval_threshold", as: Pence?.self),
                    initialContractYears: try row.decode("initial_contract_years"),
                    minimumNoticeMonths: try row.decode("minimum_notice_months"),
                    lifespanYears: try row.decode("lifespan_years", as: Int?.self),
                    hostTrust: try row.decode("host_trust", as: String?.self)),
                recordedAt: try row.decode("recorded"), recordedBy: try row.decode("recorded_by"))
        }
    }

    /// Changes the agreement and records the new version; throws a `UserError` when nothing changes, a figure is out
    /// of range, or the members do not fit the structure (``StructureRules``).
    @discardableResult
    public func set(network: Network, _ change: (inout NetworkAgreement) throws -> Void) throws -> AgreementVersion {
        try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(CallStore.lockBase + network.id))")
            let store = AgreementStore(c)
            let before = try store.current(network: network)
            var agreement = before.agreement
            try change(&agreement)
            if let host = agreement.hostTrust { agreement.hostTrust = host.uppercased() }
            guard agreement != before.agreement else {
                throw UserError("nothing to change: the agreement stays at version \(before.version)")
            }
            try agreement.validate()
            let members = try NetworkStore(c).trusts(network: network)
            try StructureRules.checkOwners(members.map { (code: $0.odsCode, kind: $0.kind) }, structure: agreement.structure)
            if agreement.structure == .hosted, agreement.hostTrust != nil {
                _ = try StructureRules.capitalRaisedThrough(agreement, members: Set(members.map(\.odsCode)))
            }
            let a = agreement
            try c.execute("""
                UPDATE network SET formed_on = \(a.formedOn), structure = \(a.structure.rawValue),
                       call_approval_threshold = \(a.callApprovalThreshold), initial_contract_years = \(a.initialContractYears),
                       minimum_notice_months = \(a.minimumNoticeMonths), lifespan_years = \(a.lifespanYears),
                       host_trust = \(a.hostTrust)
                WHERE id = \(network.id)
                """)
            if a.callApprovalThreshold != before.agreement.callApprovalThreshold {
                // Draft calls follow the threshold in force, as `calls threshold` re-marks them.
                try c.execute("""
                    UPDATE capital_call SET approval_threshold = \(a.callApprovalThreshold),
                           needs_owner_approval = (\(a.callApprovalThreshold)::numeric IS NULL OR amount > \(a.callApprovalThreshold))
                    WHERE network_id = \(network.id) AND status = 'draft'
                    """)
            }
            return try store.current(network: network)
        }
    }
}
