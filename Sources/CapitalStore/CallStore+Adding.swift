import CapitalCore
import Foundation
import Funding
import Postgres

extension CallStore {
    // MARK: adding calls

    /// Adds a call by hand (a business case, a redundancy or a stranded cost), apportioned at once. A redundancy call
    /// needs `redeployment`, the statement that redeployment routes are exhausted (``RedeploymentStatement``).
    @discardableResult
    public func add(network: Network, kind: ChargeKind = .investment, amount: Pence, purpose: String, date: CalendarDate,
                    businessCase: String? = nil, redeployment: RedeploymentStatement? = nil) throws -> SavedCall {
        try RedeploymentStatement.check(kind: kind, date: date, statement: redeployment)
        return try insert(network: network, kind: kind, amount: amount, purpose: purpose, date: date,
                          businessCase: businessCase, plan: nil, redeployment: kind == .redundancy ? redeployment : nil)
    }

    /// Adds a call for one year's replacement spend of a plan (the approved plan in force unless `planID`).
    ///
    /// The amount is exactly the sum of the plan's replacements in `year` (which the plan's year row
    /// must agree with); the date defaults to the first day of that NHS financial year (`year`-04-01).
    @discardableResult
    public func addFromPlan(network: Network, planID: Int64? = nil, year: Int, date: CalendarDate? = nil,
                            purpose: String? = nil, businessCase: String? = nil) throws -> SavedCall {
        let plans = PlanStore(connection)
        let plan = try plans.namedOrInForce(planID, network: network)
        guard plan.status == .approved else {
            throw UserError("plan \(plan.id) (version \(plan.version)) is \(plan.status): only the approved plan's replacements can be called")
        }
        guard (plan.firstYear..<(plan.firstYear + plan.years)).contains(year) else {
            throw UserError("plan \(plan.id) covers \(plan.firstYear)–\(plan.firstYear + plan.years - 1); \(year) is not one of its years")
        }
        let (total, count, spend) = try plans.purchases(planID: plan.id, year: year)
        if let spend, spend != total {
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
                          plan: (plan.id, year), redeployment: nil)
    }

    private func insert(network: Network, kind: ChargeKind, amount: Pence, purpose: String, date: CalendarDate,
                        businessCase: String?, plan: (id: Int64, year: Int)?, redeployment: RedeploymentStatement?) throws -> SavedCall {
        guard amount > .zero else { throw UserError("a capital call's amount must be above zero, not \(amount.formatted)") }
        let purpose = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !purpose.isEmpty else { throw StoreRequirement.purpose }
        let businessCase = businessCase?.trimmingCharacters(in: .whitespaces)
        let id: Int64 = try connection.transaction { c in
            try c.execute("SELECT pg_advisory_xact_lock(\(CallStore.lockBase + network.id))")
            // A hosted unit raises capital only through its host trust (StructureRules): no host, no call.
            _ = try StructureRules.capitalRaisedThrough(try AgreementStore(c).current(network: network).agreement,
                                                        members: Set(try NetworkStore(c).memberIDs(network: network).keys))
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
                                          plan_id, plan_year, share_set_id, approval_threshold, needs_owner_approval,
                                          redeployment_exhausted_by, redeployment_exhausted_on)
                VALUES (\(network.id), \(reference), \(kind.rawValue), \(purpose), \(amount), \(date),
                        \(businessCase.flatMap { $0.isEmpty ? nil : $0 }), \(plan?.id), \(plan?.year), \(apportioned.shareSetID),
                        \(threshold), \(threshold.map { amount > $0 } ?? true), \(redeployment?.by), \(redeployment?.on))
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
        let sets = ShareSetStore(c), members = NetworkStore(c)
        let setID: Int64
        if let fixedSet {
            setID = fixedSet
        } else {
            guard let inForce = try sets.inForce(network: network) else { throw StoreRequirement.approvedShareSet(network: network.name) }
            setID = inForce.id
        }
        let shares = try sets.ownershipShares(id: setID, network: network)
        let ids = try members.memberIDs(network: network)
        let exits = try members.exits(network: network).filter { shares.share(of: $0.trust) != nil }
        let leavers = TrustExit.leavers(exits, on: date)
        let sharing = leavers.isEmpty ? shares : try shares.excluding(leavers)
        let allocation = try ChargeAllocator.allocate(FundingCharge(reference: "new", kind: .investment, date: date, amount: amount),
                                                      shares: shares, exits: exits)
        return Apportioned(shareSetID: setID, parts: allocation.parts.map { p in
            (trustID: ids[p.trust]!, share: sharing.share(of: p.trust) ?? 0, amount: p.amount)
        })
    }

    func writeParts(callID: Int64, network: Network, apportioned: Apportioned, connection c: Connection) throws {
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
}
