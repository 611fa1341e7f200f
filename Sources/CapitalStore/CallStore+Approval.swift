import CapitalCore
import Foundation
import Funding
import Postgres

extension CallStore {
    // MARK: approval and issue

    /// The saved call as Funding's `CapitalCall`, its state restored: the rules (approval bodies, status order) are
    /// applied to it, and the state they leave is what is saved.
    static func capitalCall(_ saved: SavedCall, businessCase: String?) throws -> CapitalCall {
        try CapitalCall(reference: saved.reference, amount: saved.amount, purpose: saved.purpose, date: saved.date,
                        businessCaseRef: businessCase ?? saved.businessCaseRef ?? "",
                        // No threshold agreed: the owner trusts approve every call, as with a threshold of zero.
                        threshold: saved.approvalThreshold ?? .zero,
                        approvedOn: saved.approvedAt?.day,
                        issuedOn: saved.issuedAt?.day)
    }

    /// Approves a draft call: by the management board (`by`), and — when it is above the threshold — with
    /// the owner trusts' approval reference under the scheme of delegation.
    @discardableResult
    public func approve(_ key: String, by approver: String, ownerApproval: String? = nil, businessCase: String? = nil,
                        network: Network, on day: CalendarDate = .today()) throws -> SavedCall {
        let approver = approver.trimmingCharacters(in: .whitespaces)
        guard !approver.isEmpty else { throw StoreRequirement.approver(of: "call for the management board") }
        var ownerApproval = ownerApproval?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let businessCase = businessCase?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        let id: Int64 = try connection.transaction { c in
            let saved = try CallStore(c).call(key, network: network)
            try c.execute("SELECT 1 FROM capital_call WHERE id = \(saved.id) FOR UPDATE")
            let current = try CallStore(c).call(id: saved.id, network: network)
            if let given = businessCase, let had = current.businessCaseRef, given != had {
                throw UserError("call \(current.reference) already has business case \(had)")
            }
            var rule = try CallStore.capitalCall(current, businessCase: businessCase)
            if rule.status != .draft {
                throw UserError("call \(current.reference) is already \(rule.status.rawValue); only a draft call can be approved")
            }
            if rule.businessCaseRef.trimmingCharacters(in: .whitespaces).isEmpty {
                throw StoreRequirement.businessCase(call: current.reference)
            }
            try rule.approve(by: .managementBoard, on: day)
            if current.needsOwnerApproval {
                if ownerApproval == nil { ownerApproval = try CallStore(c).recordedOwnerApprovals(current) }
                guard ownerApproval != nil else {
                    throw StoreRequirement.ownerApproval(call: current.reference, amount: current.amount, threshold: current.approvalThreshold)
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
                UPDATE capital_call SET status = \(rule.status), approved_by = \(approver), approved_at = now(),
                       owner_approval_ref = \(ownerApproval), business_case_ref = coalesce(business_case_ref, \(businessCase))
                WHERE id = \(current.id)
                """)
            return current.id
        }
        return try call(id: id, network: network)
    }

    /// The owner trusts' approvals recorded for `call` (sql/0049), as one reference ("R1A: minute 12 (fay); …") once
    /// every trust with a part has recorded its own; nil when none has; an error naming the trusts still to record
    /// theirs when some have.
    func recordedOwnerApprovals(_ call: SavedCall) throws -> String? {
        let rows = try connection.query("""
            SELECT t.ods_code, a.reference, a.approved_as FROM capital_call_part p JOIN trust t ON t.id = p.trust_id
            LEFT JOIN capital_call_owner_approval a ON a.call_id = p.call_id AND a.trust_id = p.trust_id
            WHERE p.call_id = \(call.id) ORDER BY t.ods_code
            """)
        var done: [String] = [], missing: [String] = []
        for row in rows {
            let code: String = try row.decode("ods_code")
            if let ref = try row.decode("reference", as: String?.self) {
                done.append("\(code): \(ref) (\(try row.decode("approved_as", as: String.self)))")
            } else {
                missing.append(code)
            }
        }
        if done.isEmpty { return nil }
        guard missing.isEmpty else {
            throw UserError("call \(call.reference) needs every owner trust's approval: \(missing.joined(separator: ", ")) "
                            + "\(missing.count == 1 ? "has" : "have") not recorded theirs (`capital calls approve \(call.reference) "
                            + "--trust CODE --owner-approval REF`, by a finance user of each)")
        }
        return done.joined(separator: "; ")
    }

    /// Records `trust`'s approval of draft call `key` as an owner trust, with its reference (a board minute, say). The
    /// database accepts it only from a finance user of that trust, for a call above the threshold in which the trust
    /// has a part, and records who logged in (sql/0049).
    public func recordOwnerApproval(_ key: String, trust code: String, reference: String, network: Network) throws {
        let reference = reference.trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty else { throw UserError("give the owner trust's approval reference with --owner-approval REF") }
        try connection.transaction { c in
            let call = try CallStore(c).call(key, network: network)
            let trust = try NetworkStore(c).trust(network: network, code: code)
            if try c.queryFirst("SELECT 1 FROM capital_call_owner_approval WHERE call_id = \(call.id) AND trust_id = \(trust.id)") != nil {
                throw UserError("\(trust.odsCode) has already recorded its approval of \(call.reference)")
            }
            try c.execute("""
                INSERT INTO capital_call_owner_approval (call_id, network_id, trust_id, reference)
                VALUES (\(call.id), \(network.id), \(trust.id), \(reference))
                """)
        }
    }

    /// Issues an approved call to the owner trusts.
    @discardableResult
    public func issue(_ key: String, by issuer: String, network: Network, on day: CalendarDate = .today()) throws -> SavedCall {
        let issuer = issuer.trimmingCharacters(in: .whitespaces)
        guard !issuer.isEmpty else { throw StoreRequirement.issuer(of: "call") }
        let id: Int64 = try connection.transaction { c in
            let saved = try CallStore(c).call(key, network: network)
            try c.execute("SELECT 1 FROM capital_call WHERE id = \(saved.id) FOR UPDATE")
            let current = try CallStore(c).call(id: saved.id, network: network)
            var rule = try CallStore.capitalCall(current, businessCase: nil)
            if rule.status == .issued {
                throw UserError("call \(current.reference) was already issued on \(current.issuedAt?.iso ?? "?") by \(current.issuedBy ?? "?")")
            }
            try rule.issue(on: day)
            try c.execute("UPDATE capital_call SET status = \(rule.status), issued_by = \(issuer), issued_at = now() WHERE id = \(current.id)")
            return current.id
        }
        return try call(id: id, network: network)
    }
}

fileprivate extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
