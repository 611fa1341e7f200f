import CapitalCore

/// What kind of cost is being shared among the owner trusts.
public enum ChargeKind: String, Sendable, Codable {
    case capitalCall = "capital_call"
    case redundancy
}

/// An amount the owner trusts share by ownership share on a date: a capital call or a redundancy cost.
///
/// Both are split the same way (NHS England/IPEM 2021 §5.3: capital is called up per ownership
/// share; redundancy costs are shared by ownership share, once redeployment is exhausted). The
/// date decides the statement year and whether a trust that has given notice still pays.
public struct FundingCharge: Sendable, Equatable {
    public var reference: String
    public var kind: ChargeKind
    public var date: CalendarDate
    public var amount: Pence
    public var description: String

    public init(reference: String, kind: ChargeKind, date: CalendarDate, amount: Pence, description: String = "") {
        self.reference = reference
        self.kind = kind
        self.date = date
        self.amount = amount
        self.description = description
    }

    /// A capital call as a charge (its due date and amount).
    public init(_ call: CapitalCall) {
        self.init(reference: call.reference, kind: .capitalCall, date: call.date, amount: call.amount, description: call.purpose)
    }

    /// A redundancy cost as a charge.
    public static func redundancy(reference: String, date: CalendarDate, amount: Pence, description: String = "") -> FundingCharge {
        FundingCharge(reference: reference, kind: .redundancy, date: date, amount: amount, description: description)
    }
}

/// One charge split among the trusts sharing it on its date; the parts sum exactly to the charge.
public struct ChargeAllocation: Sendable, Equatable {
    public var charge: FundingCharge
    /// Sorted by trust code; only the trusts that share this charge.
    public var parts: [TrustPart]
    /// Trusts left out because their exit had taken effect by the charge's date.
    public var excluded: [String]

    public func part(of trust: String) -> Pence { parts.first { $0.trust == trust }?.amount ?? .zero }
}

/// A trust's part of a charge.
public struct TrustPart: Sendable, Equatable {
    public var trust: String
    public var amount: Pence
}

/// Splits charges among the trusts that share them on their date (see `TrustExit` for who that is).
public enum ChargeAllocator {
    public static func allocate(_ charge: FundingCharge, shares: OwnershipShares, exits: [TrustExit] = []) throws -> ChargeAllocation {
        try TrustExit.validate(exits, against: shares)
        let leavers = TrustExit.leavers(exits, on: charge.date)
        let sharing = leavers.isEmpty ? shares : try shares.excluding(leavers)
        let parts = try ShareApportioner.apportion(amount: charge.amount, shares: sharing)
        return ChargeAllocation(charge: charge, parts: parts.map { TrustPart(trust: $0.trust, amount: $0.amount) },
                                excluded: leavers.sorted())
    }
}
