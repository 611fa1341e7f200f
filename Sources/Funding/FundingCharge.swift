import CapitalCore

/// What kind of cost is being shared among the owner trusts: the one kind of a capital call, from the call as saved to
/// the trusts' statements.
public enum ChargeKind: String, Sendable, Codable, CaseIterable {
    /// Capital for an investment: a business case, or a plan year's replacements.
    case investment
    /// A redundancy cost, shared by ownership share once redeployment is exhausted.
    case redundancy
    /// A stranded cost: what the network goes on paying for something no longer used, shared by ownership share.
    case stranded

    /// How statements label it (`capital_call` for an investment, as they always have; `redundancy`).
    public var statementLabel: String { self == .investment ? "capital_call" : rawValue }
}

/// An amount the owner trusts share by ownership share on a date: a capital call or a redundancy cost.
///
/// Both are split the same way (NHS England/IPEM 2021 §5.3: capital is called up per ownership
/// share; redundancy costs are shared by ownership share, once redeployment is exhausted). The
/// date decides the statement year and whether a trust that has given notice still pays.
public struct FundingCharge: Sendable, Equatable {
    /// The charge's reference; unique within a statement.
    public let reference: String
    /// Whether it is a capital call or a redundancy cost.
    public let kind: ChargeKind
    /// The day the charge falls due: it decides the statement year and who still shares it.
    public let date: CalendarDate
    /// The amount shared, in pence (negative for a refund).
    public let amount: Pence
    /// What the charge is for, in words; may be empty.
    public let description: String

    /// Creates a charge from its parts.
    public init(reference: String, kind: ChargeKind, date: CalendarDate, amount: Pence, description: String = "") {
        self.reference = reference
        self.kind = kind
        self.date = date
        self.amount = amount
        self.description = description
    }

    /// A capital call as a charge (its due date and amount).
    public init(_ call: CapitalCall) {
        self.init(reference: call.reference, kind: .investment, date: call.date, amount: call.amount, description: call.purpose)
    }

    /// A redundancy cost as a charge.
    public static func redundancy(reference: String, date: CalendarDate, amount: Pence, description: String = "") -> FundingCharge {
        FundingCharge(reference: reference, kind: .redundancy, date: date, amount: amount, description: description)
    }
}

/// One charge split among the trusts sharing it on its date; the parts sum exactly to the charge.
public struct ChargeAllocation: Sendable, Equatable {
    /// The charge split.
    public let charge: FundingCharge
    /// Sorted by trust code; only the trusts that share this charge.
    public let parts: [TrustPart]
    /// Trusts left out because their exit had taken effect by the charge's date.
    public let excluded: [String]

    /// The part of `trust`, or zero if it does not share this charge.
    public func part(of trust: String) -> Pence { parts.first { $0.trust == trust }?.amount ?? .zero }
}

/// A trust's part of a charge.
public struct TrustPart: Sendable, Equatable {
    /// The trust code.
    public let trust: String
    /// The trust's part, in pence.
    public let amount: Pence
}

/// Splits charges among the trusts that share them on their date (see `TrustExit` for who that is).
public enum ChargeAllocator {
    /// Splits `charge` by `shares` among the trusts whose exit has not taken effect by its date, to the penny (largest remainder).
    /// Throws a `UserError` when an exit names a trust without a share or a trust twice, or when no trust with a share above zero remains.
    public static func allocate(_ charge: FundingCharge, shares: OwnershipShares, exits: [TrustExit] = []) throws -> ChargeAllocation {
        try TrustExit.validate(exits, against: shares)
        let leavers = TrustExit.leavers(exits, on: charge.date)
        let sharing = leavers.isEmpty ? shares : try shares.excluding(leavers)
        let parts = try ShareApportioner.apportion(amount: charge.amount, shares: sharing)
        return ChargeAllocation(charge: charge, parts: parts.map { TrustPart(trust: $0.trust, amount: $0.amount) },
                                excluded: leavers.sorted())
    }
}
