import CapitalCore
import Foundation

/// One year of keeping a unit in service, in pounds: what the plan's objective adds up.
///
/// `service` is the expected cost of scans lost to breakdowns (done elsewhere), `repairs` the expected parts and
/// call-outs, `upkeep` the maintenance contract, `unmetDemand` the scans above the site's capacity done elsewhere
/// (additional units only), `rules` the price put on breaking a hard rule or on an over-age unit, and `backlog` (the
/// last year only) the part of its whole price the unit in service has used up by the horizon's end: what the plan
/// leaves its successors to replace. `rules` and `backlog` are prices that steer the plan, not money anyone pays in the
/// horizon. ``expected`` is the money; ``total`` what the optimiser minimises.
public struct YearCost: Sendable, Equatable, Codable {
    /// Expected cost of scans lost to breakdowns and done elsewhere.
    public let service: Double
    /// Expected parts and call-outs.
    public let repairs: Double
    /// The maintenance contract (nothing under warranty), and an additional unit's in-house running cost.
    public var upkeep: Double
    /// Demand above the site's capacity, done elsewhere.
    public let unmetDemand: Double
    /// The rules' price on a breach or an over-age unit: a price, not money spent.
    public var rules: Double
    /// The part of the whole price the unit in service has used up by the horizon's end (last year only): a price, not
    /// money spent.
    public var backlog: Double

    /// Creates a year's cost from its parts, in pounds (zero by default).
    public init(service: Double = 0, repairs: Double = 0, upkeep: Double = 0, unmetDemand: Double = 0, rules: Double = 0,
                backlog: Double = 0) {
        self.service = service; self.repairs = repairs; self.upkeep = upkeep; self.unmetDemand = unmetDemand
        self.rules = rules; self.backlog = backlog
    }

    /// No cost.
    public static let zero = YearCost()
    /// Money expected to be spent or lost: service + repairs + upkeep + unmet demand.
    public var expected: Double { service + repairs + upkeep + unmetDemand }
    /// What the optimiser counts: the expected money plus the rules' price and the backlog left at the end.
    public var total: Double { expected + rules + backlog }

    /// The sum, kind by kind.
    public static func + (a: YearCost, b: YearCost) -> YearCost {
        YearCost(service: a.service + b.service, repairs: a.repairs + b.repairs, upkeep: a.upkeep + b.upkeep,
                 unmetDemand: a.unmetDemand + b.unmetDemand, rules: a.rules + b.rules, backlog: a.backlog + b.backlog)
    }

    /// Every kind multiplied by `k` (e.g. inflation to a year's money).
    public static func * (a: YearCost, k: Double) -> YearCost {
        YearCost(service: a.service * k, repairs: a.repairs * k, upkeep: a.upkeep * k, unmetDemand: a.unmetDemand * k,
                 rules: a.rules * k, backlog: a.backlog * k)
    }
}

/// The state of one unit that its yearly expected cost depends on.
package struct UnitState: Sendable, Equatable {
    /// The unit's modality.
    package let modality: Modality
    /// Expected life in years (≥ 1).
    package let lifeYears: Int
    /// Equipment price in pounds of the plan's first year (repairs and the default contract are fractions of it).
    package let equipmentPounds: Double
    /// The unit's own maintenance contract a year, pounds of the first year; nil uses the policy's fraction.
    package let contractPounds: Double?
    /// Clinical criticality 1–5.
    package let criticality: Int
    /// Multiplies the modelled breakdown rate (from the unit's recorded failures; 1 for a new unit).
    package var historyFactor: Double
    /// Days down per breakdown, when the unit's own record gives it; nil uses the modality's figure.
    package let daysDownPerBreakdown: Double?

    /// Creates a unit state; by default the policy's contract fraction, no history (factor 1) and the modality's days
    /// down.
    package init(modality: Modality, lifeYears: Int, equipmentPounds: Double, contractPounds: Double? = nil,
                 criticality: Int, historyFactor: Double = 1, daysDownPerBreakdown: Double? = nil) {
        self.modality = modality; self.lifeYears = lifeYears; self.equipmentPounds = equipmentPounds
        self.contractPounds = contractPounds; self.criticality = criticality; self.historyFactor = historyFactor
        self.daysDownPerBreakdown = daysDownPerBreakdown
    }
}

/// Prices a year of service of a unit (see `docs/planning.md`, "Expected cost"), in pounds of the first year.
///
/// Rules kept:
/// - breakdowns a year `= new rate × (1 + (atLife − 1) × (age / life)²) × history factor (≥ 1)`, × the support-ended
///   multiple once support has ended; age is taken mid-year (whole years + 0.5);
/// - service = breakdowns × days down (× the support-ended multiple) × scans a day (a unit's yearly capacity ÷ 365)
///   × the cost of a scan done elsewhere × the criticality weight;
/// - repairs = breakdowns × repair fraction × equipment price (× the support-ended cost multiple);
/// - upkeep = the maintenance contract (the unit's own, or the fraction of its price), nothing under warranty, × the
///   support-ended cost multiple once support has ended.
package struct ServiceCostModel: Sendable {
    /// The numbers the model prices with.
    package let parameters: ServiceCostParameters

    /// Creates a model with these numbers.
    package init(_ parameters: ServiceCostParameters) { self.parameters = parameters }

    /// Modelled breakdowns a year of a unit `ageYears` old with no history.
    package func modelledBreakdowns(_ modality: Modality, ageYears: Double, lifeYears: Int) -> Double {
        let x = max(0, ageYears) / Double(max(1, lifeYears))
        return (parameters.breakdownsPerYearNew[modality] ?? 0) * (1 + (parameters.breakdownMultipleAtLife - 1) * x * x)
    }

    /// The factor that blends a unit's recorded failures (last 12 months, at `ageYears`) into its modelled rate.
    /// It never goes below 1: a bad year is evidence of a bad unit, a quiet year does not make a unit better than
    /// the modality's curve (so a unit kept in service never costs less than a newer one would).
    package func historyFactor(_ modality: Modality, failures: Int, ageYears: Double, lifeYears: Int) -> Double {
        let modelled = modelledBreakdowns(modality, ageYears: ageYears, lifeYears: lifeYears)
        guard modelled > 0 else { return 1 }
        let w = parameters.historyWeightYears
        let blended = (Double(max(0, min(failures, 100_000))) + w * modelled) / (1 + w)
        return max(1, blended / modelled)
    }

    /// Days down per breakdown from the record: the recorded hours per failure blended, by count, with the
    /// modality's figure; never below the modality's figure (as ``historyFactor(_:failures:ageYears:lifeYears:)``).
    package func recordedDaysDown(_ modality: Modality, failures: Int, downtimeHours: Double) -> Double? {
        guard failures > 0, downtimeHours.isFinite, downtimeHours > 0 else { return nil }
        let f = Double(min(failures, 100_000)), w = parameters.historyWeightYears
        let modelled = parameters.daysDownPerBreakdown[modality] ?? 0
        let recorded = min(downtimeHours, 8_784) / 24 / f
        return max(modelled, (f * recorded + w * modelled) / (f + w))
    }

    /// One year of `unit` at `ageYears` (whole years; priced mid-year), support ended or not, in first-year pounds.
    package func year(_ unit: UnitState, ageYears: Int, supportEnded: Bool, underWarranty: Bool) -> YearCost {
        let p = parameters
        var rate = modelledBreakdowns(unit.modality, ageYears: Double(ageYears) + 0.5, lifeYears: unit.lifeYears)
            * unit.historyFactor
        var days = unit.daysDownPerBreakdown ?? p.daysDownPerBreakdown[unit.modality] ?? 0
        var costMultiple = 1.0
        if supportEnded {
            rate *= p.supportEndedBreakdownMultiple
            days *= p.supportEndedDaysMultiple
            costMultiple = p.supportEndedCostMultiple
        }
        let scansPerDay = (p.scansPerUnitYear[unit.modality] ?? 0) / 365
        let scanCost = Double((p.scanCost[unit.modality] ?? .zero).value) / 100
        let service = rate * days * scansPerDay * scanCost * p.criticalityWeight(unit.criticality)
        let repairs = rate * p.repairFraction * unit.equipmentPounds * costMultiple
        let contract = unit.contractPounds ?? p.maintenanceFraction * unit.equipmentPounds
        let upkeep = underWarranty ? 0 : contract * costMultiple
        return YearCost(service: service, repairs: repairs, upkeep: upkeep)
    }
}
