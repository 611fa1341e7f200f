import CapitalCore
import Foundation

/// Who must approve a capital call before it can be issued.
public enum ApprovalBody: String, Sendable, Codable, CaseIterable, Comparable {
    /// The imaging management board: approves the business case of every call.
    case managementBoard = "management_board"
    /// The owner trusts, per the scheme of delegation: needed too above the network's threshold.
    case ownerTrusts = "owner_trusts"

    /// Orders bodies by raw value, so lists of missing approvals read the same every time.
    public static func < (a: ApprovalBody, b: ApprovalBody) -> Bool { a.rawValue < b.rawValue }
}

/// Where a call stands: `draft` → `approved` → `issued`, in that order only.
public enum CallStatus: String, Sendable, Codable {
    case draft, approved, issued
}

/// A request to the owner trusts for capital the network has approved, called up by ownership share.
///
/// The rule it keeps (NHS England/IPEM 2021 §5.3): every call needs a business case approved by
/// the imaging management board; a call above the network's threshold also needs the owner trusts'
/// approval. It moves draft → approved (once every required body has approved) → issued, and any
/// other move is a `UserError` saying why. Amounts are positive pence.
public struct CapitalCall: Sendable, Equatable {
    /// The call's reference, as finance and the trusts quote it (e.g. "CC-1").
    public let reference: String
    /// The amount called, in pence; always above zero.
    public let amount: Pence
    /// What the capital is for, in words.
    public let purpose: String
    /// The date the call falls due; it decides the year and whether a leaving trust still pays.
    public let date: CalendarDate
    /// The reference of the business case the management board approves; a call without one cannot be approved.
    public let businessCaseRef: String
    /// Calls strictly above this need the owner trusts' approval as well as the board's.
    public let threshold: Pence
    /// Where the call stands; changed only by `approve(by:on:)` and `issue(on:)`.
    public private(set) var status: CallStatus = .draft
    /// The day each body approved, for those that have.
    public private(set) var approvals: [ApprovalBody: CalendarDate] = [:]
    /// The day the call was issued; `nil` until it is.
    public private(set) var issuedOn: CalendarDate?

    /// A draft call with no approvals; throws a `UserError` for an empty reference, an amount not above zero or a negative threshold.
    public init(reference: String, amount: Pence, purpose: String, date: CalendarDate,
                businessCaseRef: String, threshold: Pence) throws {
        guard !reference.isEmpty else { throw UserError("a capital call needs a reference") }
        guard amount > .zero else { throw UserError("call \(reference): amount must be above zero, not \(amount.formatted)") }
        guard threshold >= .zero else { throw UserError("call \(reference): the approval threshold cannot be negative") }
        self.reference = reference
        self.amount = amount
        self.purpose = purpose
        self.date = date
        self.businessCaseRef = businessCaseRef
        self.threshold = threshold
    }

    /// A call as it was saved, its state restored: approved by `approvedOn` (every body it needs, that day) and issued on
    /// `issuedOn`. The store loads a call with this, applies the rules (``approve(by:on:)``, ``issue(on:)``) and saves
    /// the state they leave, so the rules, not the store, decide where a call stands.
    public init(reference: String, amount: Pence, purpose: String, date: CalendarDate, businessCaseRef: String,
                threshold: Pence, approvedOn: CalendarDate?, issuedOn: CalendarDate?) throws {
        try self.init(reference: reference, amount: amount, purpose: purpose, date: date, businessCaseRef: businessCaseRef,
                      threshold: threshold)
        if let approvedOn {
            for body in requiredApprovals.sorted() { approvals[body] = approvedOn }
            status = .approved
        }
        if let issuedOn {
            guard status == .approved else { throw UserError("call \(reference) was issued without being approved") }
            status = .issued
            self.issuedOn = issuedOn
        }
    }

    /// The bodies whose approval this call needs: the board always; the owner trusts above the threshold.
    public var requiredApprovals: Set<ApprovalBody> {
        amount > threshold ? [.managementBoard, .ownerTrusts] : [.managementBoard]
    }

    /// Approvals still missing.
    public var missingApprovals: [ApprovalBody] { requiredApprovals.subtracting(approvals.keys).sorted() }

    /// Records one body's approval; the call becomes `approved` once every required body has approved.
    public mutating func approve(by body: ApprovalBody, on day: CalendarDate) throws {
        // A body whose approval is not needed says so first, whatever the call's state: that is the reason to give.
        guard requiredApprovals.contains(body) else {
            throw UserError("call \(reference) (\(amount.formatted)) is not above the threshold \(threshold.formatted), so the owner trusts' approval is not needed; the management board's suffices")
        }
        guard status == .draft else {
            throw UserError("call \(reference) is already \(status.rawValue); only a draft call can be approved")
        }
        guard approvals[body] == nil else {
            throw UserError("call \(reference) already has the \(body.rawValue.replacingOccurrences(of: "_", with: " ")) approval")
        }
        guard !businessCaseRef.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw UserError("call \(reference) has no business case reference; every call needs a business case approved by the management board")
        }
        approvals[body] = day
        if missingApprovals.isEmpty { status = .approved }
    }

    /// Issues an approved call to the owner trusts.
    public mutating func issue(on day: CalendarDate) throws {
        switch status {
        case .draft:
            let missing = missingApprovals.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }
            throw UserError("call \(reference) cannot be issued: still a draft, waiting for approval by \(missing.joined(separator: " and "))")
        case .issued:
            throw UserError("call \(reference) was already issued on \(issuedOn?.iso ?? "?")")
        case .approved:
            status = .issued
            issuedOn = day
        }
    }
}
