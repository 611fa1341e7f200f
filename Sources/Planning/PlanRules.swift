import CapitalCore

/// The rules a policy can make hard, and how a breach is priced so the optimiser avoids it first.
///
/// Rules kept: a unit is in breach in a year when its age (year − install or replacement year) is above its
/// modality's maximum age or the absolute maximum, or, for the unit now installed, when the year is more than
/// `replaceWithinYearsOfSupportEnd` years after its support ended. A breach year costs `breachCostMultiple` × the
/// unit's whole replacement price × its criticality weight in the objective: a price, not money spent, large enough
/// that the plan removes breaches before it buys anything else, proportional to the price so no modality is favoured
/// by being cheap, and weighted by criticality so a CT past its limit comes before an ultrasound past its own.
public struct ReplacementRules: Sendable, Equatable {
    /// Maximum age in years per modality (a modality without an entry has only the absolute maximum).
    public var maxAge: [Modality: Int]
    /// No unit of any modality older than this (nil: none).
    public var absoluteMaxAge: Int?
    /// The installed unit must be replaced within this many years of its end of manufacturer support (nil: no rule).
    public var replaceWithinYearsOfSupportEnd: Int?
    /// A breach year's price, as a multiple of the unit's whole replacement price.
    public var breachCostMultiple: Double

    /// CT and MRI at most 10 years old (Richards 2020; NHS England 2019), nothing over 15 (Canadian Association of
    /// Radiologists).
    public static let defaultMaxAge: [Modality: Int] = [.ct: 10, .mri: 10]

    /// Creates rules; by default CT and MRI at most 10 years old, nothing over 15, no support-end rule, a breach year
    /// priced at twice the whole price.
    public init(maxAge: [Modality: Int] = ReplacementRules.defaultMaxAge, absoluteMaxAge: Int? = 15,
                replaceWithinYearsOfSupportEnd: Int? = nil, breachCostMultiple: Double = 2) {
        self.maxAge = maxAge
        self.absoluteMaxAge = absoluteMaxAge
        self.replaceWithinYearsOfSupportEnd = replaceWithinYearsOfSupportEnd
        self.breachCostMultiple = breachCostMultiple
    }

    /// The age above which a unit of `m` breaches a maximum-age rule (nil: no such rule).
    public func ageLimit(_ m: Modality) -> Int? {
        switch (maxAge[m], absoluteMaxAge) {
        case let (a?, b?): return min(a, b)
        case let (a?, nil): return a
        case let (nil, b?): return b
        default: return nil
        }
    }

    func validate() throws {
        for (m, a) in maxAge where !(1...100).contains(a) { throw UserError("rules.max_age.\(m.rawValue) must be 1–100 years") }
        if let a = absoluteMaxAge, !(1...100).contains(a) { throw UserError("rules.absolute_max_age must be 1–100 years") }
        if let n = replaceWithinYearsOfSupportEnd, !(0...100).contains(n) {
            throw UserError("rules.replace_within_years_of_support_end must be 0–100 years")
        }
        guard breachCostMultiple.isFinite, (0...1000).contains(breachCostMultiple) else {
            throw UserError("rules.breach_cost_multiple must be 0–1000")
        }
    }
}

/// Which rule a unit breaks in a year.
public enum RuleKind: String, Sendable, Codable, Equatable {
    /// Older than its modality's maximum age or the absolute maximum.
    case maxAge = "max_age"
    /// Still in service too long after its manufacturer support ended.
    case supportEnded = "support_ended"
    /// Older than the age profile's limit (10 years) under a hard age profile.
    case ageProfile = "age_profile"
}

/// The fleet age profile target (COCIR's "golden rules": at least 60% of units 5 years old or less, at most 10% older
/// than 10), and how the plan treats it.
///
/// Rule kept: the shares are reported for every modality and the network in every year, with and without the plan.
/// `priced`: each unit-year older than `oldYears` costs `overAgeCostFraction` × the unit's whole price (obsolescence:
/// no longer state of the art). `hard`: each unit older than `oldYears` is a breach, priced as ``ReplacementRules``
/// prices breaches, which meets the 10% share wherever the budget allows. `report`: shown, not optimised. A year in
/// which a modality's share over `oldYears` is above `maxOldShare` is listed with the money that would remove it.
public struct AgeProfileTarget: Sendable, Equatable {
    /// How the plan treats the target: `priced` (an over-age unit-year has a price), `hard` (an over-age unit is a
    /// breach), `report` (shown, not optimised).
    public enum Mode: String, Sendable, Equatable { case priced, hard, report }

    /// Units at most this many years old count as new (default 5).
    public var newYears: Int
    /// Units older than this many years count as old (default 10).
    public var oldYears: Int
    /// The target share of new units, a fraction 0...1 (default 0.6); reported, not enforced.
    public var minNewShare: Double
    /// The most units that may be old, a fraction 0...1 (default 0.1).
    public var maxOldShare: Double
    /// How the plan treats the target (default `priced`).
    public var mode: Mode
    /// Under `priced`: a unit-year older than `oldYears` costs this fraction of the unit's whole price, times its
    /// criticality weight (default 0.1).
    public var overAgeCostFraction: Double

    /// Creates a target; the defaults are COCIR's (60% at most 5 years old, 10% at most over 10), priced.
    public init(newYears: Int = 5, oldYears: Int = 10, minNewShare: Double = 0.6, maxOldShare: Double = 0.1,
                mode: Mode = .priced, overAgeCostFraction: Double = 0.1) {
        self.newYears = newYears
        self.oldYears = oldYears
        self.minNewShare = minNewShare
        self.maxOldShare = maxOldShare
        self.mode = mode
        self.overAgeCostFraction = overAgeCostFraction
    }

    func validate() throws {
        guard (0...100).contains(newYears), (1...100).contains(oldYears), newYears < oldYears else {
            throw UserError("age_profile: new_years must be below old_years (5 and 10 by default)")
        }
        guard (0...1).contains(minNewShare), (0...1).contains(maxOldShare) else {
            throw UserError("age_profile shares must be fractions 0–1")
        }
        guard overAgeCostFraction.isFinite, (0...100).contains(overAgeCostFraction) else {
            throw UserError("age_profile.over_age_cost must be 0–100 (a fraction of the whole price a year)")
        }
    }
}
