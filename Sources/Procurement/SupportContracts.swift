import CapitalCore
import Foundation

/// Maintenance contracts of one modality and manufacturer across the network, with a proposed co-termination
/// date for a single network contract.
///
/// Rule kept: ``coTerminationDate`` is the first 31 March on or after the group's latest end date, so no current
/// contract is cut short (no early-termination charges) and the network contract starts with a financial year;
/// contracts ending earlier are extended or bridged to that date. It is never before ``asOf``, the date the run is
/// made as of (an input, so a run can be repeated): when every contract has already ended, it is the first 31 March
/// on or after ``asOf``. Contracts that ended before ``asOf`` are listed in ``expired``. Contracts without an end date
/// are listed in ``undated`` and play no part in the dates.
public struct SupportGroup: Sendable, Equatable {
    /// The modality of every contract in the group.
    public let modality: Modality
    /// The manufacturer as the register names it; nil groups contracts whose manufacturer is unknown.
    public let manufacturer: String?
    /// Contracts with an end date, earliest end first.
    public let dated: [MaintenanceContract]
    /// Contracts whose end date the register does not give.
    public let undated: [MaintenanceContract]
    /// The date the run is made as of: co-termination is never before it, and contracts ended before it are expired.
    public let asOf: CalendarDate

    /// Every contract in the group: the dated ones, earliest end first, then the undated.
    public var contracts: [MaintenanceContract] { dated + undated }
    /// How many contracts the group has.
    public var count: Int { dated.count + undated.count }
    /// Trust codes with at least one contract in the group, sorted.
    public var trusts: [String] { Array(Set(contracts.map(\.trust))).sorted() }
    /// Distinct suppliers, sorted.
    public var suppliers: [String] { Array(Set(contracts.compactMap(\.supplier))).sorted() }
    /// Sum of the known annual costs.
    public var totalAnnualCost: Pence { contracts.reduce(Pence.zero) { $0 + ($1.annualCost ?? .zero) } }
    /// How many contracts have no annual cost in the register (not counted in ``totalAnnualCost``).
    public var unknownCostCount: Int { contracts.filter { $0.annualCost == nil }.count }
    /// The earliest end date; `nil` when no contract has one.
    public var earliestEnd: CalendarDate? { dated.first?.endDate }
    /// The latest end date; `nil` when no contract has one.
    public var latestEnd: CalendarDate? { dated.last?.endDate }
    /// The first 31 March on or after ``latestEnd`` and on or after ``asOf``; nil when no contract has an end date.
    public var coTerminationDate: CalendarDate? { latestEnd.map { FinancialYear.endOnOrAfter(max($0, asOf)) } }
    /// Dated contracts that ended before ``asOf``: the equipment is running without support (or the register is stale).
    public var expired: [MaintenanceContract] { dated.filter { isExpired($0) } }
    /// Whether `contract` ended before ``asOf``.
    public func isExpired(_ contract: MaintenanceContract) -> Bool { contract.endDate.map { $0 < asOf } ?? false }

    /// Days a contract must be extended to reach ``coTerminationDate`` (nil when either date is unknown).
    public func extensionDays(for contract: MaintenanceContract) -> Int? {
        guard let end = contract.endDate, let target = coTerminationDate else { return nil }
        return end.days(to: target)
    }
}

/// Groups equipment-support contracts for collective procurement.
public enum SupportContracts {
    /// Groups by modality and manufacturer (manufacturer compared ignoring case and surrounding spaces; the group
    /// takes the first spelling in sorted order). Groups are ordered by modality, then manufacturer, unknown last;
    /// contracts within a group by end date, then trust and tag. `asOf` is the date the run is made as of.
    public static func group(contracts: [MaintenanceContract], asOf: CalendarDate) -> [SupportGroup] {
        struct Key: Hashable { var modality: Modality; var manufacturer: String? }
        func norm(_ s: String?) -> String? {
            guard let t = s?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
            return t.lowercased()
        }
        var buckets: [Key: [MaintenanceContract]] = [:]
        for c in contracts { buckets[Key(modality: c.modality, manufacturer: norm(c.manufacturer)), default: []].append(c) }
        let keys = buckets.keys.sorted { a, b in
            if a.modality != b.modality { return a.modality < b.modality }
            switch (a.manufacturer, b.manufacturer) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            default: return false
            }
        }
        return keys.map { key in
            let members = buckets[key]!
            let name = key.manufacturer == nil ? nil
                : members.compactMap { $0.manufacturer?.trimmingCharacters(in: .whitespaces) }.sorted().first
            let dated = members.filter { $0.endDate != nil }.sorted {
                ($0.endDate!, $0.trust, $0.tag) < ($1.endDate!, $1.trust, $1.tag)
            }
            let undated = members.filter { $0.endDate == nil }.sorted { ($0.trust, $0.tag) < ($1.trust, $1.tag) }
            return SupportGroup(modality: key.modality, manufacturer: name, dated: dated, undated: undated, asOf: asOf)
        }
    }
}
