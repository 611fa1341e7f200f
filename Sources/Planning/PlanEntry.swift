import CapitalCore

/// One decision of the plan, prepared: a unit of the register (replace when?), or an additional unit a site could
/// take (install when, if at all?), with its whole price per year and its expected cost per year.
///
/// Rules kept: ``costs(under:)`` gives per horizon year, before the first replacement (or installation), the cost of
/// the installed unit kept in service (for an additional unit: the demand it would have covered, done elsewhere);
/// from each replacement, the new unit's cost by its own age (0 in the replacement year), inflated to the year.
/// A pattern's penalty is the sum over the horizon rounded to whole pounds.
public struct PlanEntry: Sendable {
    /// An additional unit at a site: the `unit`-th beyond those it has, covering `coveredScans` a year once installed,
    /// at `runningCost` a year in-house (nominal pounds: staff and consumables for those scans).
    public struct Addition: Sendable, Equatable {
        /// Which additional unit of the modality at the site it is (1, 2, …).
        public let unit: Int
        /// Scans a year it would take back from elsewhere, per horizon year (by offset from the first year).
        public let coveredScans: [Double]
        /// Its in-house running cost per horizon year (nominal pounds).
        public let runningCost: [Double]
    }

    /// The register unit (or, for an additional unit, the unit it would be).
    public let asset: PlanAsset
    /// Set for an additional unit (then `asset` describes the unit it would be, installed in the first year).
    public var addition: Addition?
    /// Expected life in years (≥ 1).
    public let lifeYears: Int
    /// Years between replacements (the life, shortened by a hard maximum age).
    public let step: Int
    /// Clinical criticality 1–5: the asset's own, else the policy's for its modality.
    public let criticality: Int
    /// Whether the policy excludes the unit (its only pattern is `none`, and no rules' price or backlog is counted).
    public var excluded: Bool
    /// The year by which the policy requires it replaced; nil without such a rule.
    public var mustReplaceBy: Int?
    /// First horizon year in which the installed unit reaches its expected life or breaks a hard rule.
    public var dueYear: Int?
    /// Whole price (equipment, works, VAT) per horizon year, by offset from the first year.
    public let prices: [PriceBreakdown]
    /// Cost per horizon year of keeping the installed unit (nominal pounds).
    public var installed: [YearCost]
    /// Cost of a new unit by its age (0 ..< horizon), pounds of the first year.
    public let newUnit: [YearCost]
    /// `(1 + inflation)^offset` per horizon year.
    public let inflation: [Double]
    /// The options offered to the optimiser.
    public var patterns: [ReplacementPattern]
    /// The horizon's first year: offset 0 of the per-year arrays.
    public let firstYear: Int

    /// The optimiser's item id: `TRUST/TAG`, or `add:TRUST/SITE:MODALITY:K` for an additional unit.
    public var key: String {
        guard let addition else { return asset.key }
        return "add:\(asset.trust)/\(asset.site):\(asset.modality.rawValue):\(addition.unit)"
    }

    /// Cost per horizon year under `pattern`; the last year carries the backlog left at the horizon's end.
    public func costs(under pattern: ReplacementPattern) -> [YearCost] {
        var row = installed
        var p = 0
        for offset in row.indices {
            let year = firstYear + offset
            while p < pattern.years.count && pattern.years[p] <= year { p += 1 }
            if p > 0 {
                row[offset] = newUnit[year - pattern.years[p - 1]] * inflation[offset]
                if let addition { row[offset].upkeep += addition.runningCost[offset] }
            }
        }
        if let last = row.indices.last, !excluded {
            row[last].backlog = backlog(at: age(in: firstYear + last, under: pattern)?.age)
        }
        return row
    }

    /// The share of the last year's whole price used up by the end of the horizon by a unit `age` years old in the
    /// last year (nil: no unit), `min(1, (age + 1) ÷ step)`.
    func backlog(at age: Int?) -> Double {
        guard let age, let last = prices.last else { return 0 }
        return Double(last.total.value) / 100 * min(1, Double(max(0, age) + 1) / Double(max(1, step)))
    }

    /// The option's penalty: the total over the horizon, in whole pounds.
    public func penalty(_ pattern: ReplacementPattern) -> Double {
        costs(under: pattern).reduce(0) { $0 + $1.total }.rounded()
    }

    /// The whole price of replacing (or installing) in `year`.
    public func price(in year: Int) -> PriceBreakdown { prices[year - firstYear] }
    /// The whole price of replacing (or installing) in `year`, as one amount.
    public func cost(in year: Int) -> Pence { price(in: year).total }

    /// Age in `year` of the unit in service under `pattern` (nil for an additional unit not yet installed), and
    /// whether it is the unit installed now.
    public func age(in year: Int, under pattern: ReplacementPattern) -> (age: Int, original: Bool)? {
        if let last = pattern.years.last(where: { $0 <= year }) { return (year - last, false) }
        if addition != nil { return nil }
        return (year - asset.installDate.year, true)
    }
}
