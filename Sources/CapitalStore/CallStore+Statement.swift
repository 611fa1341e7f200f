import CapitalCore
import Foundation
import Funding
import Postgres

extension CallStore {
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
            let charge = FundingCharge(reference: call.reference, kind: call.kind,
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
        // Early exits mark the leavers' parts of calls dated in their unserved notice as early-exit charges.
        statement.exits = try NetworkStore(connection).exits(network: network)
        return statement
    }
}
