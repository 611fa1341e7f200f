import CapitalCore
import Foundation

/// Everything `capital shares compute` shows: the valued contributions and the shares by each method.
///
/// It is built once from plain values and rendered as a table, CSV or JSON, so the CLI only
/// parses arguments and prints. Methods that could not be computed are listed with the reason.
public struct SharesReport: Sendable {
    /// The network's formation date; `nil` when the report was not built from a contributions file.
    public var formed: CalendarDate?
    /// The valuation date (formation unless asked otherwise); `nil` as for `formed`.
    public var asOf: CalendarDate?
    /// The annual discount rate used for later investments (0.035 is 3.5%); `nil` as for `formed`.
    public var discountRate: Decimal?
    /// Sorted by trust code.
    public let valuations: [TrustValuation]
    /// The shares by each method computed, in method order.
    public let sets: [ShareSet]
    /// Methods that could not be computed, each with the reason.
    public let unavailable: [(method: ShareMethod, reason: String)]
    /// Warnings about the whole valuation (e.g. no register flags equipment exclusive under --exclusive-only).
    public var warnings: [String] = []

    /// Creates a report from its parts.
    public init(formed: CalendarDate? = nil, asOf: CalendarDate? = nil, discountRate: Decimal? = nil,
                valuations: [TrustValuation], sets: [ShareSet], unavailable: [(method: ShareMethod, reason: String)] = []) {
        self.formed = formed
        self.asOf = asOf
        self.discountRate = discountRate
        self.valuations = valuations
        self.sets = sets
        self.unavailable = unavailable
    }

    /// Values the contributions and computes shares: every method side by side when `method` is nil
    /// (the blend included when weights are given), otherwise just that method (an error if it cannot be computed).
    public static func compute(contributions: Contributions, equipment: [EquipmentHolding] = [],
                               asOf: CalendarDate? = nil, exclusiveOnly: Bool = false, lifespanYears: Int? = nil,
                               method: ShareMethod? = nil, weights: BlendWeights? = nil) throws -> SharesReport {
        let valuations = try Valuer.value(contributions, equipment: equipment, asOf: asOf, exclusiveOnly: exclusiveOnly,
                                          lifespanYears: lifespanYears)
        var report: SharesReport
        if let method {
            let set = try ShareCalculator.compute(valuations, method: method, weights: weights)
            report = SharesReport(valuations: valuations.sorted { $0.trust < $1.trust }, sets: [set])
        } else {
            report = ShareCalculator.sideBySide(valuations, weights: weights)
        }
        report.formed = contributions.formed
        report.asOf = asOf ?? contributions.formed
        report.discountRate = contributions.discountRate
        report.warnings = Valuer.equipmentWarnings(contributions, equipment: equipment, exclusiveOnly: exclusiveOnly)
        return report
    }

    /// The shares by `method`, or `nil` if it was not computed.
    public func set(_ method: ShareMethod) -> ShareSet? { sets.first { $0.method == method } }

    /// Lines explaining the figures: effective blend weights, methods left out, per-trust notes.
    public var notes: [String] {
        var lines: [String] = warnings
        if let w = set(.blend)?.weights { lines.append("blend weights (normalised): \(w.summary)") }
        for u in unavailable { lines.append("\(u.method.rawValue) not computed: \(u.reason)") }
        for v in valuations { for n in v.notes { lines.append("\(v.trust): \(n)") } }
        return lines
    }
}
