import CapitalCore

/// An asset prepared for planning: its expected life, impact, replacement cost per year, and the risk it carries
/// each year with and without replacement.
///
/// Rule kept: `risk(under:)` is likelihood × impact per horizon year; before the first replacement the installed
/// unit's likelihood applies (with support, failure and downtime additions), from each replacement the new unit's
/// likelihood by its own age (0 in the replacement year). A pattern's penalty is the sum of that row.
public struct PlanEntry: Sendable {
    public var asset: PlanAsset
    public var lifeYears: Int
    public var impact: Int
    public var excluded: Bool
    public var mustReplaceBy: Int?
    /// First horizon year in which the installed unit's likelihood reaches the policy's `due_likelihood`.
    public var dueYear: Int?
    /// Replacement cost (inflated) per horizon year, by offset from the first year.
    public var costs: [Pence]
    /// Risk per horizon year if never replaced.
    public var baselineRisk: [Double]
    /// Risk of a replacement unit by its age in years (0 ..< horizon length).
    public var newUnitRisk: [Double]
    /// The options offered to the optimiser.
    public var patterns: [ReplacementPattern]
    public var firstYear: Int

    /// Risk per horizon year under `pattern`.
    public func risk(under pattern: ReplacementPattern) -> [Double] {
        var row = baselineRisk
        var p = 0
        for offset in row.indices {
            let year = firstYear + offset
            while p < pattern.years.count && pattern.years[p] <= year { p += 1 }
            if p > 0 { row[offset] = newUnitRisk[year - pattern.years[p - 1]] }
        }
        return row
    }

    /// Risk summed over the horizon under `pattern`: the option's penalty.
    public func penalty(_ pattern: ReplacementPattern) -> Double { risk(under: pattern).reduce(0, +) }

    /// The cost of replacing in `year`.
    public func cost(in year: Int) -> Pence { costs[year - firstYear] }
}
