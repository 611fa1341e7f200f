/// One way to settle an asset over the horizon: the years in which it is replaced (none: kept in service).
///
/// Rule kept: years are increasing and inside the horizon; a replacement unit that reaches its expected life inside
/// the horizon is replaced again (`y`, `y + life`, `y + 2·life`, …), so a short-life asset replaced early comes due
/// again. The label the optimiser sees is `none` or the years joined by `+` (`2027+2034`).
public struct ReplacementPattern: Sendable, Equatable, Hashable {
    /// The replacement years, increasing; empty: kept in service.
    public let years: [Int]

    /// Creates a pattern from its replacement years (increasing, inside the horizon).
    public init(years: [Int]) { self.years = years }

    /// Kept in service through the horizon.
    public static let none = ReplacementPattern(years: [])

    /// The option label the optimiser sees: `none`, or the years joined by `+` (`2027+2034`).
    public var label: String { years.isEmpty ? "none" : years.map(String.init).joined(separator: "+") }
    /// The first replacement year; nil when never replaced.
    public var firstYear: Int? { years.first }

    /// The patterns the planner offers an asset: `none` (unless it must be replaced) and, for every horizon year
    /// `y` (no later than `mustReplaceBy`), the chain `y, y + life, …` inside the horizon and, where that chain
    /// replaces more than once, `y` alone. An excluded asset gets only `none`. At most `2 × years + 1` patterns.
    public static func options(horizon: Range<Int>, lifeYears: Int, excluded: Bool,
                               mustReplaceBy: Int?) -> [ReplacementPattern] {
        if excluded { return [.none] }
        var out: [ReplacementPattern] = mustReplaceBy == nil ? [.none] : []
        let step = max(1, lifeYears)
        for first in horizon {
            if let by = mustReplaceBy, first > by { break }
            let chain = Array(stride(from: first, to: horizon.upperBound, by: step))
            out.append(ReplacementPattern(years: chain))
            // Replaced once and kept past its life to the horizon's end: the later years' budgets need not carry a
            // second replacement, at the price of an ageing unit.
            if chain.count > 1 { out.append(ReplacementPattern(years: [first])) }
        }
        return out
    }
}
