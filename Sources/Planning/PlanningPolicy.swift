import CapitalCore

/// The rules a plan is made under, read from the policy YAML file (see `docs/planning.md`).
///
/// Rules kept: every year of the horizon has a network budget (whole pence, nominal money of that year); every
/// modality has an expected life ≥ 1, a price and a criticality 1–5 (defaults from ``Modality``); a must-replace date
/// lies inside the horizon. ``validate()`` checks these; the YAML parser calls it.
public struct PlanningPolicy: Sendable, Equatable {
    /// First planned year (replacements happen at the start of a year).
    public let firstYear: Int
    /// Number of years planned (e.g. 15).
    public let years: Int
    /// Network capital budget per year, `years` entries.
    public var budgets: [Pence]
    /// When set (`budget: need`, `budget: 80% of need`), every year's budget is this share of the fleet's
    /// steady-state need (``steadyStateNeed(_:)``), set by ``resolvingBudget(for:)`` once the register is known.
    public var budgetNeedShare: Double?
    /// Optional yearly limits per trust code, `years` entries each.
    public var trustLimits: [String: [Pence]]
    /// Annual price inflation applied from the price year to the replacement year (0.03 = 3%).
    public var inflation: Double
    /// Where a replacement's price comes from.
    public var priceBasis: PriceBasis
    /// Expected life in years per modality.
    public var expectedLife: [Modality: Int]
    /// Replacement price per modality (money of `firstYear`).
    public var prices: [Modality: Pence]
    /// Clinical criticality 1–5 per modality.
    public var criticality: [Modality: Int]
    /// The expected-cost model (the objective).
    public var serviceCost: ServiceCostParameters
    /// Works and VAT on top of the equipment price.
    public var wholePrice: WholePriceParameters
    /// Hard rules (maximum ages, support end) and the price of a breach.
    public var rules: ReplacementRules
    /// The 60/30/10 fleet age profile and how the plan treats it.
    public var ageProfile: AgeProfileTarget
    /// Demand growth and room for additional units.
    public var capacity: CapacityParameters
    /// At most this many replacements per site, modality and year; a modality without an entry is unlimited.
    public var maxPerSiteModalityYear: [Modality: Int]
    /// Assets that must be replaced by (in or before) a year.
    public var mustReplace: [MustReplace]
    /// Assets that the plan must not replace.
    public var exclusions: [Exclusion]

    /// Where the price of a replacement comes from.
    public enum PriceBasis: String, Sendable, Equatable {
        /// The policy's (or default) modality price, in money of the first year, inflated to the replacement year.
        case modality
        /// The asset's own purchase cost inflated from its install year to the replacement year (the modality price
        /// when the asset has no purchase cost).
        case purchaseCost = "purchase_cost"
    }

    /// "Replace this asset in or before `year`."
    public struct MustReplace: Sendable, Equatable {
        /// The trust's ODS code.
        public let trust: String
        /// The asset tag.
        public let tag: String
        /// The year in or before which it must be replaced; inside the horizon.
        public let year: Int
        /// Creates a must-replace rule from its parts.
        public init(trust: String, tag: String, year: Int) {
            self.trust = trust
            self.tag = tag
            self.year = year
        }
    }

    /// "Do not replace": one asset (trust and tag), or every asset of a modality (optionally within one trust).
    public struct Exclusion: Sendable, Equatable {
        /// Only assets of this trust; nil: any trust.
        public var trust: String?
        /// Only the asset with this tag; nil: any tag.
        public var tag: String?
        /// Only units of this modality; nil: any modality.
        public var modality: Modality?
        /// Creates an exclusion; each part left nil matches anything.
        public init(trust: String? = nil, tag: String? = nil, modality: Modality? = nil) {
            self.trust = trust
            self.tag = tag
            self.modality = modality
        }

        /// Whether this exclusion covers `asset`.
        public func covers(_ asset: PlanAsset) -> Bool {
            if let trust, trust != asset.trust { return false }
            if let tag, tag != asset.tag { return false }
            if let modality, modality != asset.modality { return false }
            return true
        }
    }

    /// The default caps: one replacement per site and year for CT, MRI, PET-CT and interventional rooms (a second
    /// one would take the service down); other modalities unlimited.
    public static let defaultCaps: [Modality: Int] = [.ct: 1, .mri: 1, .petCT: 1, .interventional: 1]

    /// Creates a policy; a per-modality table not given (or a modality missing from one) takes the defaults of
    /// ``Modality``. Not validated: call ``validate()``.
    public init(firstYear: Int, years: Int, budgets: [Pence], trustLimits: [String: [Pence]] = [:],
                inflation: Double = 0.03, priceBasis: PriceBasis = .modality,
                expectedLife: [Modality: Int] = [:], prices: [Modality: Pence] = [:], criticality: [Modality: Int] = [:],
                serviceCost: ServiceCostParameters = ServiceCostParameters(),
                wholePrice: WholePriceParameters = WholePriceParameters(), rules: ReplacementRules = ReplacementRules(),
                ageProfile: AgeProfileTarget = AgeProfileTarget(), capacity: CapacityParameters = CapacityParameters(),
                maxPerSiteModalityYear: [Modality: Int] = PlanningPolicy.defaultCaps,
                mustReplace: [MustReplace] = [], exclusions: [Exclusion] = []) {
        self.firstYear = firstYear
        self.years = years
        self.budgets = budgets
        self.trustLimits = trustLimits
        self.inflation = inflation
        self.priceBasis = priceBasis
        var life: [Modality: Int] = [:], price: [Modality: Pence] = [:], crit: [Modality: Int] = [:]
        for m in Modality.allCases {
            life[m] = expectedLife[m] ?? m.defaultLifeYears
            price[m] = prices[m] ?? .pounds(m.indicativePricePounds)
            crit[m] = criticality[m] ?? m.defaultCriticality
        }
        self.expectedLife = life
        self.prices = price
        self.criticality = crit
        self.serviceCost = serviceCost
        self.wholePrice = wholePrice
        self.rules = rules
        self.ageProfile = ageProfile
        self.capacity = capacity
        self.maxPerSiteModalityYear = maxPerSiteModalityYear
        self.mustReplace = mustReplace
        self.exclusions = exclusions
    }

    /// The policy with a need-based budget turned into amounts for `assets` (unchanged when the budget is amounts).
    public func resolvingBudget(for assets: [PlanAsset]) -> PlanningPolicy {
        guard let share = budgetNeedShare else { return self }
        let need = steadyStateNeed(assets)
        var copy = withAnnualBudget(Self.wholePounds(Double(need.value) * share))
        copy.budgetNeedShare = nil
        return copy
    }

    /// The planned years, `firstYear ..< firstYear + years`.
    public var horizon: Range<Int> { firstYear..<(firstYear + years) }

    /// The budget of `year` (which must be in the horizon).
    public func budget(_ year: Int) -> Pence { budgets[year - firstYear] }

    /// The same policy with the network budget of every year set to `annual`.
    public func withAnnualBudget(_ annual: Pence) -> PlanningPolicy {
        var copy = self
        copy.budgets = Array(repeating: annual, count: years)
        copy.budgetNeedShare = nil
        return copy
    }

    /// Checks the rules stated on the type; the message names the offending field.
    public func validate() throws {
        guard (1...50).contains(years) else { throw UserError("horizon.years must be 1–50 (saved plans hold at most 50 years), not \(years)") }
        guard budgets.count == years else {
            throw UserError("budget has \(budgets.count) yearly amounts; the horizon has \(years) years")
        }
        if let b = budgets.first(where: { $0 < .zero }) { throw UserError("budget \(b.plain) is negative") }
        for (trust, limits) in trustLimits where limits.count != years {
            throw UserError("trust_limits.\(trust) has \(limits.count) yearly amounts; the horizon has \(years) years")
        }
        guard inflation > -1, inflation < 1 else { throw UserError("inflation must be a rate such as 0.03") }
        for (m, life) in expectedLife where life < 1 { throw UserError("expected_life.\(m.rawValue) must be ≥ 1") }
        for (m, c) in criticality where !(1...5).contains(c) { throw UserError("criticality.\(m.rawValue) must be 1–5") }
        for (m, k) in maxPerSiteModalityYear where k < 0 {
            throw UserError("max_per_site_modality_year.\(m.rawValue) must be ≥ 0")
        }
        for rule in mustReplace where !horizon.contains(rule.year) {
            throw UserError("must_replace \(rule.trust)/\(rule.tag): by \(rule.year) is outside the horizon "
                            + "\(firstYear)–\(firstYear + years - 1)")
        }
        try serviceCost.validate()
        try wholePrice.validate()
        try rules.validate()
        try ageProfile.validate()
        try capacity.validate()
    }

    /// A unit's expected life: its own, else the policy's for its modality, else the default; at least 1.
    public func lifeYears(of asset: PlanAsset) -> Int {
        max(1, asset.expectedLifeYears ?? expectedLife[asset.modality] ?? asset.modality.defaultLifeYears)
    }

    /// Years between a unit's replacements: its expected life, shortened to the age a hard rule allows.
    public func replacementStep(modality: Modality, lifeYears: Int) -> Int {
        var step = lifeYears
        if let limit = rules.ageLimit(modality) { step = min(step, limit) }
        if ageProfile.mode == .hard { step = min(step, ageProfile.oldYears) }
        return max(1, step)
    }

    /// The fleet's steady-state need a year: Σ over active units of the whole price (first-year money) ÷ the years
    /// between its replacements. A budget at this level can keep the fleet's age where the policy wants it.
    public func steadyStateNeed(_ assets: [PlanAsset]) -> Pence {
        var total = 0.0
        for a in assets where a.status != .disposed && !exclusions.contains(where: { $0.covers(a) }) {
            let life = lifeYears(of: a)
            let price = wholePrice(modality: a.modality, trust: a.trust, site: a.site, purchaseCost: a.purchaseCost,
                                   installYear: a.installDate.year, in: firstYear).total
            total += Double(price.value) / Double(replacementStep(modality: a.modality, lifeYears: life))
        }
        return Self.wholePounds(total)
    }

    /// An amount in pence rounded to whole pounds, held within £0–£90 trillion so no share of any need can trap.
    public static func wholePounds(_ pence: Double) -> Pence {
        guard pence.isFinite else { return Pence(pence > 0 ? 9_000_000_000_000_000 : 0) }
        return Pence(Int64(max(0, min(9e13, (pence / 100).rounded()))) * 100)
    }
}
