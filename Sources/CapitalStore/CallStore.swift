import CapitalCore
import Foundation
import Funding
import Postgres

/// A saved capital call with each sharing trust's part.
public struct SavedCall: Sendable, Codable, Equatable {
    /// One sharing trust's part of a call.
    public struct Part: Sendable, Codable, Equatable {
        /// The trust's ODS code.
        public let trust: String
        /// The share the part was worked out by (re-normalised when a trust had left), as exact text.
        public let share: String
        /// What the trust pays, in pence.
        public let amount: Pence
    }
    /// The call's database id.
    public let id: Int64
    /// `CC-<year of the call date>-<number>`, e.g. CC-2026-001; unique within the network.
    public let reference: String
    /// Investment or redundancy cost.
    public let kind: ChargeKind
    /// What the money is for, in words.
    public let purpose: String
    /// The whole call, in pence (above zero).
    public let amount: Pence
    /// The call's date, which decides which trusts' exits have taken effect.
    public let date: CalendarDate
    /// The business case it rests on; nil until one is given (a call cannot be approved without one).
    public let businessCaseRef: String?
    /// For a call of a plan year's replacements: the plan's id; nil for a call added by hand.
    public let planID: Int64?
    /// For a call of a plan year's replacements: the year (an NHS financial year's start); nil otherwise.
    public let planYear: Int?
    /// The approved share set it was apportioned by.
    public let shareSetID: Int64
    /// That share set's version number.
    public let shareSetVersion: Int
    /// The network's threshold when the call was made (re-marked while a draft); nil: none agreed, so the owner
    /// trusts approve every call.
    public let approvalThreshold: Pence?
    /// Whether the owner trusts must approve too (the amount is above the threshold, or none is agreed).
    public let needsOwnerApproval: Bool
    /// The owner trusts' approval reference; nil until approved with one.
    public let ownerApprovalRef: String?
    /// Draft, approved or issued.
    public let status: CallStatus
    /// Who approved it for the management board; nil while a draft.
    public let approvedBy: String?
    /// When it was approved, in UTC (`YYYY-MM-DDTHH:MM:SSZ`); nil while a draft.
    public let approvedAt: Timestamp?
    /// Who issued it; nil until issued.
    public let issuedBy: String?
    /// When it was issued, in UTC (`YYYY-MM-DDTHH:MM:SSZ`); nil until issued.
    public let issuedAt: Timestamp?
    /// When it was added, in UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    public let createdAt: Timestamp
    /// The database user who added it.
    public let createdBy: String
    /// Sorted by trust code; sums exactly to `amount`.
    public let parts: [Part]
    /// Trusts of the share set that did not share this call because their exit had taken effect by its date.
    public let excluded: [String]
    /// For a redundancy call: who stated that redeployment routes were exhausted.
    public var redeploymentExhaustedBy: String? = nil
    /// For a redundancy call: when they stated it.
    public var redeploymentExhaustedOn: CalendarDate? = nil

    /// Who must approve: the management board, and the owner trusts above the threshold.
    public var requiredApprovals: [ApprovalBody] { needsOwnerApproval ? [.managementBoard, .ownerTrusts] : [.managementBoard] }
}


/// Capital calls on the owner trusts, apportioned in pence by the approved share set in force.
///
/// Rules kept (docs/funding.md): parts by largest remainder (`ShareApportioner`), summing exactly
/// to the call (the database checks it at commit too); a trust that gave notice on D with N months'
/// notice is excluded from calls dated on or after D + N months, the others sharing by re-normalised
/// shares (`ChargeAllocator`, `TrustExit`); approval and issue follow `CapitalCall`: draft → approved →
/// issued, the owner trusts' approval needed above the network's threshold (every call when none is set).
public struct CallStore {
    /// The connection every read and write goes through (writes in their own transactions).
    public let connection: Connection
    /// A store over `connection` (whose schema is up to date: see ``Database/open(_:migrationsDirectory:)``).
    public init(_ connection: Connection) { self.connection = connection }

    static let lockBase: Int64 = 0x4343_0000_0000 // "CC"

    // MARK: threshold

    /// The network's approval threshold (nil: none agreed).
    public func threshold(network: Network) throws -> Pence? {
        try connection.queryFirst("SELECT call_approval_threshold FROM network WHERE id = \(network.id)")?
            .decode(0, as: Pence?.self)
    }

    /// Sets the threshold above which a call needs the owner trusts' approval; draft calls are re-marked.
    /// - Returns: the references of draft calls whose need for owner approval changed.
    @discardableResult
    public func setThreshold(_ amount: Pence, network: Network) throws -> [String] {
        guard amount >= .zero else { throw UserError("the approval threshold cannot be negative (\(amount.formatted))") }
        return try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(CallStore.lockBase + network.id))")
            try c.execute("UPDATE network SET call_approval_threshold = \(amount) WHERE id = \(network.id)")
            return try c.query("""
                WITH before AS (
                    SELECT id, needs_owner_approval AS needed FROM capital_call
                    WHERE network_id = \(network.id) AND status = 'draft' FOR UPDATE)
                UPDATE capital_call c SET approval_threshold = \(amount), needs_owner_approval = (c.amount > \(amount))
                FROM before WHERE c.id = before.id
                RETURNING c.reference, before.needed <> c.needs_owner_approval AS changed
                """).filter { try $0.decode("changed", as: Bool.self) }.map { try $0.decode("reference", as: String.self) }.sorted()
        }
    }

    // MARK: reading

    /// Every call of the network, by date then reference.
    public func list(network: Network) throws -> [SavedCall] {
        try connection.query("SELECT id FROM capital_call WHERE network_id = \(network.id) ORDER BY call_date, reference").map {
            try call(id: try $0.decode("id"), network: network)
        }
    }

    /// A call by id (digits) or reference (CC-2026-001).
    public func call(_ key: String, network: Network) throws -> SavedCall {
        if let id = Int64(key) { return try call(id: id, network: network) }
        guard let row = try connection.queryFirst("""
            SELECT id FROM capital_call WHERE network_id = \(network.id) AND reference = \(key.uppercased())
            """) else {
            throw UserError("no capital call \(key) in \(network.name): `capital calls list` shows them")
        }
        return try call(id: try row.decode("id"), network: network)
    }

    /// The call with database id `id`, with its parts and the trusts it excluded; throws a `UserError` when the
    /// network has no such call.
    public func call(id: Int64, network: Network) throws -> SavedCall {
        guard let row = try connection.queryFirst("""
            SELECT c.*,
                   to_char(c.approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS approved,
                   to_char(c.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS issued,
                   to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created
            FROM capital_call c
            WHERE c.id = \(id) AND c.network_id = \(network.id)
            """) else {
            throw UserError("no capital call \(id) in \(network.name): `capital calls list` shows them")
        }
        let parts = try connection.query("""
            SELECT t.ods_code, p.share::text AS share, p.amount
            FROM capital_call_part p JOIN trust t ON t.id = p.trust_id
            WHERE p.call_id = \(id) ORDER BY t.ods_code
            """).map {
            SavedCall.Part(trust: try $0.decode("ods_code"), share: try $0.decode("share"), amount: try $0.decode("amount"))
        }
        let shareSetID: Int64 = try row.decode("share_set_id")
        // The share set's members that did not share the call (their exit had taken effect by its date).
        let shareSet = try ShareSetStore(connection).shareSet(id: shareSetID, network: network)
        let sharing = Set(parts.map(\.trust))
        let excluded = shareSet.entries.map(\.trust).filter { !sharing.contains($0) }.sorted()
        var saved = SavedCall(
            id: id, reference: try row.decode("reference"), kind: try row.decode("kind"),
            purpose: try row.decode("purpose"), amount: try row.decode("amount"), date: try row.decode("call_date"),
            businessCaseRef: try row.decode("business_case_ref", as: String?.self),
            planID: try row.decode("plan_id", as: Int64?.self), planYear: try row.decode("plan_year", as: Int?.self),
            shareSetID: shareSetID, shareSetVersion: shareSet.version,
            approvalThreshold: try row.decode("approval_threshold", as: Pence?.self),
            needsOwnerApproval: try row.decode("needs_owner_approval"),
            ownerApprovalRef: try row.decode("owner_approval_ref", as: String?.self),
            status: try row.decode("status"),
            approvedBy: try row.decode("approved_by", as: String?.self), approvedAt: try row.decode("approved", as: Timestamp?.self),
            issuedBy: try row.decode("issued_by", as: String?.self), issuedAt: try row.decode("issued", as: Timestamp?.self),
            createdAt: try row.decode("created"), createdBy: try row.decode("created_by"),
            parts: parts, excluded: excluded)
        saved.redeploymentExhaustedBy = try row.decode("redeployment_exhausted_by", as: String?.self)
        saved.redeploymentExhaustedOn = try row.decode("redeployment_exhausted_on", as: CalendarDate?.self)
        return saved
    }
}
