import CapitalCore
import Foundation
import Funding
import Postgres

/// What a call pays for: an investment (a business case, a plan year's replacements) or a redundancy cost.
public enum CallKind: String, Sendable, Codable, CaseIterable {
    case investment, redundancy
}

/// A saved capital call with each sharing trust's part.
public struct SavedCall: Sendable, Codable, Equatable {
    public struct Part: Sendable, Codable, Equatable {
        public var trust: String
        /// The share the part was worked out by (re-normalised when a trust had left), as exact text.
        public var share: String
        public var amount: Pence
    }
    public var id: Int64
    public var reference: String
    public var kind: CallKind
    public var purpose: String
    public var amount: Pence
    public var date: CalendarDate
    public var businessCaseRef: String?
    public var planID: Int64?
    public var planYear: Int?
    public var shareSetID: Int64
    public var shareSetVersion: Int
    public var approvalThreshold: Pence?
    public var needsOwnerApproval: Bool
    public var ownerApprovalRef: String?
    public var status: CallStatus
    public var approvedBy: String?
    public var approvedAt: String?
    public var issuedBy: String?
    public var issuedAt: String?
    public var createdAt: String
    public var createdBy: String
    /// Sorted by trust code; sums exactly to `amount`.
    public var parts: [Part]
    /// Trusts of the share set that did not share this call because their exit had taken effect by its date.
    public var excluded: [String]

    /// Who must approve: the management board, and the owner trusts above the threshold.
    public var requiredApprovals: [ApprovalBody] { needsOwnerApproval ? [.managementBoard, .ownerTrusts] : [.managementBoard] }
}

/// The outcome of recording a trust's notice to leave.
public struct ExitRecorded: Sendable, Equatable {
    public var trust: String
    public var noticeDate: CalendarDate
    public var noticeMonths: Int
    /// The first day the trust no longer shares calls.
    public var effectiveDate: CalendarDate
    /// Draft calls whose parts were worked out again under the new exit.
    public var reapportioned: [String]
    /// Approved or issued calls dated on or after the effective date that still include the trust (fixed once approved).
    public var fixedIncludingLeaver: [String]
}

/// Capital calls on the owner trusts, apportioned in pence by the approved share set in force.
///
/// Rules kept (docs/funding.md): parts by largest remainder (`ShareApportioner`), summing exactly
/// to the call (the database checks it at commit too); a trust that gave notice on D with N months'
/// notice is excluded from calls dated on or after D + N months, the others sharing by re-normalised
/// shares (`ChargeAllocator`, `TrustExit`); approval and issue follow `CapitalCall`: draft → approved →
/// issued, the owner trusts' approval needed above the network's threshold (every call when none is set).
public struct CallStore {
    public let connection: Connection
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

    // MARK: adding calls

    /// Adds a call by hand (a business case or a redundancy cost), apportioned at once.
    @discardableResult
    public func add(network: Network, kind: CallKind = .investment, amount: Pence, purpose: String, date: CalendarDate,
                    businessCase: String? = nil) throws -> SavedCall {
        try insert(network: network, kind: kind, amount: amount, purpose: purpose, date: date,
                   businessCase: businessCase, plan: nil)
    }

    /// Adds a call for one year's replacement spend of a plan (the approved plan in force unless `planID`).
    ///
    /// The amount is exactly the sum of the plan's replacements in `year` (which the plan's year row
    /// must agree with); the date defaults to the first day of that NHS financial year (`year`-04-01).
    @discardableResult
    public func addFromPlan(network: Network, planID: Int64? = nil, year: Int, date: CalendarDate? = nil,
                            purpose: String? = nil, businessCase: String? = nil) throws -> SavedCall {
        let plans = PlanStore(connection)
        let plan: SavedPlan
        if let planID {
            plan = try plans.plan(id: planID, network: network)
        } else {
            guard let inForce = try plans.inForce(network: network) else {
                throw UserError("\(network.name) has no approved plan: approve one with `capital plan approve ID --by NAME`, or name one with --plan ID")
            }
            plan = inForce
        }
        guard plan.status == "approved" else {
            throw UserError("plan \(plan.id) (version \(plan.version)) is \(plan.status): only the approved plan's replacements can be called")
        }
        guard (plan.firstYear..<(plan.firstYear + plan.years)).contains(year) else {
            throw UserError("plan \(plan.id) covers \(plan.firstYear)–\(plan.firstYear + plan.years - 1); \(year) is not one of its years")
        }
        let row = try connection.queryFirst("""
            SELECT coalesce(sum(cost), 0)::numeric(15,2) AS total, count(*) AS n,
                   (SELECT spend FROM plan_year WHERE plan_id = \(plan.id) AND year = \(year)) AS spend
            FROM (SELECT cost FROM plan_replacement WHERE plan_id = \(plan.id) AND year = \(year)
                  UNION ALL
                  SELECT cost FROM plan_addition WHERE plan_id = \(plan.id) AND year = \(year)) bought
            """)!
        let total: Pence = try row.decode("total")
        let count: Int = try row.decode("n")
        if let spend = try row.decode("spend", as: Pence?.self), spend != total {
            throw UserError("plan \(plan.id) year \(year): its replacements and additional units cost \(total.formatted) but the year's spend is \(spend.formatted); the plan is inconsistent")
        }
        guard total > .zero else {
            throw UserError("plan \(plan.id) has no replacement spend in \(year) (\(FundingYear.nhsFinancial.label(startYear: year))): nothing to call")
        }
        if let existing = try connection.queryFirst("""
            SELECT reference FROM capital_call WHERE plan_id = \(plan.id) AND plan_year = \(year)
            """) {
            throw UserError("plan \(plan.id) year \(year) has already been called as \(try existing.decode("reference", as: String.self))")
        }
        let label = FundingYear.nhsFinancial.label(startYear: year)
        return try insert(network: network, kind: .investment, amount: total,
                          purpose: purpose ?? "Equipment replacements \(label): \(count) asset\(count == 1 ? "" : "s") in plan \(plan.id) v\(plan.version) \"\(plan.name)\"",
                          date: date ?? CalendarDate(year: year, month: 4, day: 1)!,
                          businessCase: businessCase ?? "plan \(plan.id) v\(plan.version), approved by \(plan.approvedBy ?? "?")",
                          plan: (plan.id, year))
    }

    private func insert(network: Network, kind: CallKind, amount: Pence, purpose: String, date: CalendarDate,
                        businessCase: String?, plan: (id: Int64, year: Int)?) throws -> SavedCall {
        guard amount > .zero else { throw UserError("a capital call's amount must be above zero, not \(amount.formatted)") }
        let purpose = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !purpose.isEmpty else { throw UserError("say what the call is for: --purpose TEXT") }
        let businessCase = businessCase?.trimmingCharacters(in: .whitespaces)
        let id: Int64 = try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(CallStore.lockBase + network.id))")
            let apportioned = try apportion(amount: amount, date: date, network: network, connection: c)
            let threshold = try CallStore(c).threshold(network: network)
            let prefix = "CC-\(String(format: "%04d", date.year))-"
            let next: Int = try c.scalar("""
                SELECT coalesce(max(substring(reference FROM '[0-9]+$')::integer), 0) + 1
                FROM capital_call WHERE network_id = \(network.id) AND reference LIKE \(prefix + "%")
                """)
            let reference = prefix + String(format: "%03d", next)
            let callID: Int64 = try c.scalar("""
                INSERT INTO capital_call (network_id, reference, kind, purpose, amount, call_date, business_case_ref,
                                          plan_id, plan_year, share_set_id, approval_threshold, needs_owner_approval)
                VALUES (\(network.id), \(reference), \(kind.rawValue), \(purpose), \(amount), \(date),
                        \(businessCase.flatMap { $0.isEmpty ? nil : $0 }), \(plan?.id), \(plan?.year), \(apportioned.shareSetID),
                        \(threshold), \(threshold.map { amount > $0 } ?? true))
                RETURNING id
                """)
            try writeParts(callID: callID, network: network, apportioned: apportioned, connection: c)
            return callID
        }
        return try call(id: id, network: network)
    }

    struct Apportioned {
        var shareSetID: Int64
        var parts: [(trustID: Int64, share: Decimal, amount: Pence)]
    }

    /// Splits `amount` by the approved share set in force among the trusts sharing on `date`.
    func apportion(amount: Pence, date: CalendarDate, network: Network, connection c: Connection,
                   shareSetID fixedSet: Int64? = nil) throws -> Apportioned {
        let setID: Int64
        if let fixedSet {
            setID = fixedSet
        } else {
            guard let row = try c.queryFirst("SELECT id FROM share_set WHERE network_id = \(network.id) AND status = 'approved'") else {
                throw UserError("\(network.name) has no approved share set: approve a share set first (`capital shares compute --save`, then `capital shares approve ID --by NAME`)")
            }
            setID = try row.decode("id")
        }
        let members = try c.query("""
            SELECT t.id, t.ods_code, s.share::text AS share, t.notice_given_on, t.notice_months
            FROM share_set_trust s JOIN trust t ON t.id = s.trust_id
            WHERE s.share_set_id = \(setID) ORDER BY t.ods_code
            """)
        var ids: [String: Int64] = [:]
        var entries: [(trust: String, share: Decimal)] = []
        var exits: [TrustExit] = []
        for m in members {
            let code: String = try m.decode("ods_code")
            ids[code] = try m.decode("id")
            let text: String = try m.decode("share")
            guard let share = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw CapitalStoreError("share set \(setID): share of \(code) `\(text)` is not a decimal")
            }
            entries.append((code, share))
            if let notice = try m.decode("notice_given_on", as: CalendarDate?.self) {
                exits.append(try TrustExit(trust: code, noticeDate: notice, noticeMonths: try m.decode("notice_months")))
            }
        }
        let shares = try OwnershipShares(entries)
        let leavers = TrustExit.leavers(exits, on: date)
        let sharing = leavers.isEmpty ? shares : try shares.excluding(leavers)
        let allocation = try ChargeAllocator.allocate(FundingCharge(reference: "new", kind: .capitalCall, date: date, amount: amount),
                                                      shares: shares, exits: exits)
        return Apportioned(shareSetID: setID, parts: allocation.parts.map { p in
            (trustID: ids[p.trust]!, share: sharing.share(of: p.trust) ?? 0, amount: p.amount)
        })
    }

    private func writeParts(callID: Int64, network: Network, apportioned: Apportioned, connection c: Connection) throws {
        try c.execute("""
            INSERT INTO capital_call_part (call_id, network_id, trust_id, share, amount)
            SELECT \(callID), \(network.id), t, s, a
            FROM unnest(\(apportioned.parts.map(\.trustID))::bigint[], \(apportioned.parts.map { CallStore.shareText($0.share) })::numeric[],
                        \(apportioned.parts.map(\.amount))::numeric[]) AS p(t, s, a)
            """)
    }

    /// A share as text `numeric` reads, never above 1 (Decimal division can land a hair over).
    static func shareText(_ share: Decimal) -> String {
        share > 1 ? "1" : share.description
    }

    // MARK: reading

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

    public func call(id: Int64, network: Network) throws -> SavedCall {
        guard let row = try connection.queryFirst("""
            SELECT c.*, s.version AS share_set_version,
                   to_char(c.approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS approved,
                   to_char(c.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS issued,
                   to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created
            FROM capital_call c JOIN share_set s ON s.id = c.share_set_id
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
        let excluded = try connection.query("""
            SELECT t.ods_code FROM share_set_trust s JOIN trust t ON t.id = s.trust_id
            WHERE s.share_set_id = \(shareSetID)
              AND NOT EXISTS (SELECT 1 FROM capital_call_part p WHERE p.call_id = \(id) AND p.trust_id = s.trust_id)
            ORDER BY t.ods_code
            """).map { try $0.decode("ods_code", as: String.self) }
        return SavedCall(
            id: id, reference: try row.decode("reference"), kind: CallKind(rawValue: try row.decode("kind")) ?? .investment,
            purpose: try row.decode("purpose"), amount: try row.decode("amount"), date: try row.decode("call_date"),
            businessCaseRef: try row.decode("business_case_ref", as: String?.self),
            planID: try row.decode("plan_id", as: Int64?.self), planYear: try row.decode("plan_year", as: Int?.self),
            shareSetID: shareSetID, shareSetVersion: try row.decode("share_set_version"),
            approvalThreshold: try row.decode("approval_threshold", as: Pence?.self),
            needsOwnerApproval: try row.decode("needs_owner_approval"),
            ownerApprovalRef: try row.decode("owner_approval_ref", as: String?.self),
            status: CallStatus(rawValue: try row.decode("status")) ?? .draft,
            approvedBy: try row.decode("approved_by", as: String?.self), approvedAt: try row.decode("approved", as: String?.self),
            issuedBy: try row.decode("issued_by", as: String?.self), issuedAt: try row.decode("issued", as: String?.self),
            createdAt: try row.decode("created"), createdBy: try row.decode("created_by"),
            parts: parts, excluded: excluded)
    }

    // MARK: approval and issue

    /// The call as Funding's `CapitalCall`, to apply its rules (approval bodies, status order).
    static func capitalCall(_ saved: SavedCall, businessCase: String?) throws -> CapitalCall {
        try CapitalCall(reference: saved.reference, amount: saved.amount, purpose: saved.purpose, date: saved.date,
                        businessCaseRef: businessCase ?? saved.businessCaseRef ?? "",
                        // No threshold agreed: the owner trusts approve every call, as with a threshold of zero.
                        threshold: saved.approvalThreshold ?? .zero)
    }

    /// Approves a draft call: by the management board (`by`), and — when it is above the threshold — with
    /// the owner trusts' approval reference under the scheme of delegation.
    @discardableResult
    public func approve(_ key: String, by approver: String, ownerApproval: String? = nil, businessCase: String? = nil,
                        network: Network, on day: CalendarDate = .today()) throws -> SavedCall {
        let approver = approver.trimmingCharacters(in: .whitespaces)
        guard !approver.isEmpty else { throw UserError("say who approves the call for the management board: --by NAME") }
        let ownerApproval = ownerApproval?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let businessCase = businessCase?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let id: Int64 = try connection.transaction { c in
            let saved = try CallStore(c).call(key, network: network)
            try c.execute("SELECT 1 FROM capital_call WHERE id = \(saved.id) FOR UPDATE")
            let current = try CallStore(c).call(id: saved.id, network: network)
            if let given = businessCase, let had = current.businessCaseRef, given != had {
                throw UserError("call \(current.reference) already has business case \(had)")
            }
            var rule = try CallStore.capitalCall(current, businessCase: businessCase)
            if current.status != .draft {
                throw UserError("call \(current.reference) is already \(current.status.rawValue); only a draft call can be approved")
            }
            if rule.businessCaseRef.trimmingCharacters(in: .whitespaces).isEmpty {
                throw UserError("call \(current.reference) has no business case: every call needs one approved by the management board; give its reference with --business-case REF")
            }
            try rule.approve(by: .managementBoard, on: day)
            if current.needsOwnerApproval {
                guard ownerApproval != nil else {
                    let why = current.approvalThreshold.map { "is above the network's threshold \($0.formatted)" }
                        ?? "was made with no approval threshold set (`capital calls threshold AMOUNT`)"
                    throw UserError("call \(current.reference) (\(current.amount.formatted)) \(why): it needs the owner trusts' approval under the scheme of delegation; give its reference with --owner-approval REF")
                }
                try rule.approve(by: .ownerTrusts, on: day)
            } else if ownerApproval != nil {
                // Funding's rule: owner-trust approval is not needed at or below the threshold; say so rather than record it.
                try rule.approve(by: .ownerTrusts, on: day)
            }
            guard rule.status == .approved else {
                throw CapitalStoreError("call \(current.reference) still misses \(rule.missingApprovals.map(\.rawValue).joined(separator: ", "))")
            }
            try c.execute("""
                UPDATE capital_call SET status = 'approved', approved_by = \(approver), approved_at = now(),
                       owner_approval_ref = \(ownerApproval), business_case_ref = coalesce(business_case_ref, \(businessCase))
                WHERE id = \(current.id)
                """)
            return current.id
        }
        return try call(id: id, network: network)
    }

    /// Issues an approved call to the owner trusts.
    @discardableResult
    public func issue(_ key: String, by issuer: String, network: Network, on day: CalendarDate = .today()) throws -> SavedCall {
        let issuer = issuer.trimmingCharacters(in: .whitespaces)
        guard !issuer.isEmpty else { throw UserError("say who issues the call: --by NAME") }
        let id: Int64 = try connection.transaction { c in
            let saved = try CallStore(c).call(key, network: network)
            try c.execute("SELECT 1 FROM capital_call WHERE id = \(saved.id) FOR UPDATE")
            let current = try CallStore(c).call(id: saved.id, network: network)
            var rule = try CallStore.capitalCall(current, businessCase: nil)
            switch current.status {
            case .draft:
                break // `issue` below says which approvals are missing
            case .approved:
                for body in current.requiredApprovals { try rule.approve(by: body, on: day) }
            case .issued:
                throw UserError("call \(current.reference) was already issued on \(current.issuedAt ?? "?") by \(current.issuedBy ?? "?")")
            }
            try rule.issue(on: day)
            try c.execute("UPDATE capital_call SET status = 'issued', issued_by = \(issuer), issued_at = now() WHERE id = \(current.id)")
            return current.id
        }
        return try call(id: id, network: network)
    }

    // MARK: exit

    /// Records a trust's notice to leave: from notice date + notice months it shares no further calls.
    ///
    /// Draft calls are apportioned again (by their own share set); approved and issued calls are fixed
    /// and are reported if they fall after the exit yet include the trust.
    @discardableResult
    public func recordExit(network: Network, trustCode: String, noticeDate: CalendarDate, noticeMonths: Int = 12) throws -> ExitRecorded {
        let trust = try NetworkStore(connection).trust(network: network, code: trustCode)
        let exit = try TrustExit(trust: trust.odsCode, noticeDate: noticeDate, noticeMonths: noticeMonths)
        guard noticeMonths <= 120 else { throw UserError("trust \(trust.odsCode): a notice period of \(noticeMonths) months is too long (at most 120)") }
        return try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(CallStore.lockBase + network.id))")
            do {
                try c.execute("""
                    UPDATE trust SET notice_given_on = \(noticeDate), notice_months = \(noticeMonths), left_on = \(exit.effectiveDate)
                    WHERE id = \(trust.id)
                    """)
            } catch let e as PostgresError where e.isCheckViolation {
                throw UserError("trust \(trust.odsCode): notice not recorded: \(e.message)")
            }
            let drafts = try c.query("""
                SELECT id, reference, amount, call_date, share_set_id FROM capital_call
                WHERE network_id = \(network.id) AND status = 'draft' ORDER BY call_date, reference
                """)
            var redone: [String] = []
            for d in drafts {
                let callID: Int64 = try d.decode("id")
                let before = try c.query("SELECT trust_id, amount FROM capital_call_part WHERE call_id = \(callID) ORDER BY trust_id")
                    .map { "\(try $0.decode("trust_id", as: Int64.self))=\(try $0.decode("amount", as: Pence.self).plain)" }
                let apportioned = try apportion(amount: try d.decode("amount"), date: try d.decode("call_date"), network: network,
                                                connection: c, shareSetID: try d.decode("share_set_id"))
                let after = apportioned.parts.sorted { $0.trustID < $1.trustID }.map { "\($0.trustID)=\($0.amount.plain)" }
                guard before != after else { continue }
                try c.execute("DELETE FROM capital_call_part WHERE call_id = \(callID)")
                try writeParts(callID: callID, network: network, apportioned: apportioned, connection: c)
                redone.append(try d.decode("reference"))
            }
            let fixed = try c.query("""
                SELECT c.reference FROM capital_call c JOIN capital_call_part p ON p.call_id = c.id
                WHERE c.network_id = \(network.id) AND c.status <> 'draft' AND p.trust_id = \(trust.id)
                  AND c.call_date >= \(exit.effectiveDate)
                ORDER BY c.call_date, c.reference
                """).map { try $0.decode("reference", as: String.self) }
            return ExitRecorded(trust: trust.odsCode, noticeDate: noticeDate, noticeMonths: noticeMonths,
                                effectiveDate: exit.effectiveDate, reapportioned: redone, fixedIncludingLeaver: fixed)
        }
    }

    // MARK: statements

    /// Each trust's obligations by year and the network's trusts × years, from the stored parts.
    ///
    /// Drafts are not obligations and are left out unless `includeDrafts`. The statement is Funding's
    /// `FundingStatement`, assembled call by call so that each allocation is exactly the stored parts
    /// (each call is re-split by weights equal to its stored parts in pence, which reproduces them, and
    /// checked); every total therefore reconciles exactly with the calls.
    public func statement(network: Network, includeDrafts: Bool = false, year: FundingYear = .nhsFinancial) throws -> FundingStatement {
        let calls = try list(network: network).filter { includeDrafts || $0.status != .draft }
        var allocations: [ChargeAllocation] = []
        var trusts: Set<String> = []
        for call in calls {
            let charge = FundingCharge(reference: call.reference, kind: call.kind == .redundancy ? .redundancy : .capitalCall,
                                       date: call.date, amount: call.amount, description: call.purpose)
            let shares = try OwnershipShares(call.parts.map { (trust: $0.trust, share: Decimal($0.amount.value)) }
                                             + call.excluded.map { (trust: $0, share: Decimal(0)) })
            let exits = try call.excluded.map { try TrustExit(trust: $0, noticeDate: call.date, noticeMonths: 0) }
            let allocation = try ChargeAllocator.allocate(charge, shares: shares, exits: exits)
            guard allocation.parts.map(\.trust) == call.parts.map(\.trust),
                  allocation.parts.map(\.amount) == call.parts.map(\.amount) else {
                throw CapitalStoreError("call \(call.reference): its stored parts could not be reproduced for the statement")
            }
            allocations.append(allocation)
            trusts.formUnion(shares.trusts)
        }
        if trusts.isEmpty { trusts = Set(try NetworkStore(connection).trusts(network: network).map(\.odsCode)) }
        let placeholder = try OwnershipShares((trusts.isEmpty ? ["-"] : Array(trusts)).map { (trust: $0, share: Decimal(1)) })
        var statement = try FundingStatement.build(charges: [], shares: placeholder, year: year)
        statement.allocations = allocations.sorted { ($0.charge.date, $0.charge.reference) < ($1.charge.date, $1.charge.reference) }
        statement.trusts = trusts.sorted()
        return statement
    }
}

fileprivate extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
