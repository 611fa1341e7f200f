import CapitalCore

/// Each trust's obligations by year, and the network's trusts × years view, from dated charges.
///
/// Every charge is split by `ChargeAllocator` (exits honoured), so each charge's parts sum to it;
/// hence every trust's total, every year's total and the grand total reconcile exactly with the
/// sum of the charges. Trusts and years are listed in order (trust code, then year).
public struct FundingStatement: Sendable, Equatable {
    /// The year the charges are grouped into (NHS financial year by default).
    public let year: FundingYear
    /// In date order, then reference.
    public var allocations: [ChargeAllocation]
    /// Every trust with a share, sorted by code (including those that have left).
    public var trusts: [String]
    /// The exits the charges were allocated under; early ones decide ``earlyExitCharges``.
    public var exits: [TrustExit] = []

    /// Allocates every charge (exits honoured) and gathers them into a statement.
    /// Throws a `UserError` when two charges share a reference, or as `ChargeAllocator.allocate` does.
    public static func build(charges: [FundingCharge], shares: OwnershipShares, exits: [TrustExit] = [],
                             year: FundingYear = .nhsFinancial) throws -> FundingStatement {
        var refs: Set<String> = []
        for c in charges where !refs.insert(c.reference).inserted {
            throw UserError("charge reference \(c.reference) appears twice; each call or cost needs its own reference")
        }
        let ordered = charges.sorted { ($0.date, $0.reference) < ($1.date, $1.reference) }
        let allocations = try ordered.map { try ChargeAllocator.allocate($0, shares: shares, exits: exits) }
        return FundingStatement(year: year, allocations: allocations, trusts: shares.trusts, exits: exits)
    }

    /// The leavers' parts of charges dated in their unserved notice (early exits): what each is charged, as if still a
    /// member, for the network's extra costs after it left, in date order. Each is exactly the leaver's part of that charge.
    public var earlyExitCharges: [EarlyExitCharge] {
        allocations.flatMap { a in
            exits.filter { e in e.isEarlyExitCharge(on: a.charge.date) && a.parts.contains { p in p.trust == e.trust } }
                .map { e in EarlyExitCharge(trust: e.trust, reference: a.charge.reference, kind: a.charge.kind, date: a.charge.date,
                                            amount: a.part(of: e.trust), leftOn: e.effectiveDate, chargedUntil: e.chargedUntil!) }
        }
    }

    /// What `trust` is charged for leaving early (zero when it did not).
    public func earlyExitTotal(trust: String) -> Pence {
        earlyExitCharges.filter { $0.trust == trust }.reduce(.zero) { $0 + $1.amount }
    }

    /// Year labels that have charges, in order.
    public var years: [String] {
        var seen: [Int] = []
        for a in allocations { let y = year.startYear(of: a.charge.date); if !seen.contains(y) { seen.append(y) } }
        return seen.sorted().map { year.label(startYear: $0) }
    }

    /// A trust's lines: (year, allocation, its part), for charges it shares.
    public func lines(for trust: String) -> [(year: String, allocation: ChargeAllocation, amount: Pence)] {
        allocations.filter { a in a.parts.contains { $0.trust == trust } }
            .map { (year: year.label(of: $0.charge.date), allocation: $0, amount: $0.part(of: trust)) }
    }

    /// What `trust` owes in the year labelled `label` (e.g. "2025/26"); zero if nothing.
    public func amount(trust: String, year label: String) -> Pence {
        allocations.filter { year.label(of: $0.charge.date) == label }.reduce(.zero) { $0 + $1.part(of: trust) }
    }

    /// What `trust` owes over all years.
    public func total(trust: String) -> Pence { allocations.reduce(.zero) { $0 + $1.part(of: trust) } }

    /// The sum of the charges dated in the year labelled `label`.
    public func total(year label: String) -> Pence {
        allocations.filter { year.label(of: $0.charge.date) == label }.reduce(.zero) { $0 + $1.charge.amount }
    }

    /// Σ charges; equals Σ over trusts and Σ over years.
    public var grandTotal: Pence { allocations.reduce(.zero) { $0 + $1.charge.amount } }
}

/// A leaver's part of one charge dated in its unserved notice: its share of the network's extra cost, as if still a member.
public struct EarlyExitCharge: Sendable, Equatable {
    /// The leaving trust.
    public let trust: String
    /// The charge's reference.
    public let reference: String
    /// Investment, redundancy or stranded cost.
    public let kind: ChargeKind
    /// The charge's date.
    public let date: CalendarDate
    /// The leaver's part, in pence.
    public let amount: Pence
    /// The day the leaver left (its notice's effective date).
    public let leftOn: CalendarDate
    /// The day its minimum notice would have ended (exclusive).
    public let chargedUntil: CalendarDate
}
