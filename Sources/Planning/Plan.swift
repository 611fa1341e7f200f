import CapitalCore
import Optimizer

/// A replacement plan with its certificate: what to replace (and add) when, what it costs, the expected cost of
/// keeping the fleet with and without the plan, the fleet's age and capacity, the rules it cannot meet within the
/// budgets and the money that would meet them, and the assets left unfunded with what binds them.
///
/// Rules kept: spend in every year is within that year's budget (and trust limits); every cost figure is pounds
/// (``objectiveUnit`` `GBP`); `objective` is the plan's total over the horizon of what the optimiser minimises
/// (expected cost plus the rules' price, ``YearCost/total``) and `bound` a proven lower bound on any plan's within
/// the same budgets, so `gap` bounds how much better a plan could be. When the solver found no plan, the lists are
/// empty and `reason` says why.
public struct Plan: Sendable {
    /// The first planned year.
    public let firstYear: Int
    /// The number of years planned.
    public let years: Int
    /// How far the solver got: `optimal` (proven), `feasible`, `infeasible` (with a `reason`) or `unknown`.
    public var status: SolveResult.Status
    /// The plan's objective over the horizon in pounds (``YearCost/total`` summed); nil when there is no plan.
    public var objective: Double?
    /// A proven lower bound in pounds on any plan's objective within the same budgets; nil when none was proven.
    public var bound: Double?
    /// `(objective − bound) ÷ |objective|`, a fraction (0.01 = 1%); nil without both.
    public var gap: Double?
    /// Wall-clock seconds the solver spent.
    public var seconds: Double
    /// Why there is no plan or why it is not proven optimal, in words; nil when there is nothing to say.
    public var reason: String?
    /// The unit of objective, bound and every cost: pounds.
    public var objectiveUnit: String { "GBP" }
    /// The objective's total over the horizon if nothing were replaced or added.
    public let costWithout: Double
    /// The costs over the horizon by kind, with the plan.
    public var breakdownWithPlan: YearCost
    /// The costs over the horizon by kind if nothing were replaced or added.
    public let breakdownWithout: YearCost
    /// Every active unit's part in the plan, in input order (replaced or not).
    public var assets: [AssetPlan]
    /// Additional units the plan installs for demand.
    public var additions: [AdditionPlan]
    /// One summary per horizon year, in year order.
    public var yearSummaries: [YearSummary]
    /// One summary per trust and horizon year, trusts sorted by code.
    public var trustYears: [TrustYearSummary]
    /// Assets left unfunded, most expected cost avoidable first.
    public var unfunded: [UnfundedAsset]
    /// Every year a unit breaks a hard rule under the plan.
    public var breaches: [RuleBreach]
    /// Years in which a modality's share of units older than the age profile's limit is above target, under the plan.
    public var shareBreaches: [ShareBreach]
    /// Money beyond the budgets, per year, that would remove every breach (and every year a modality's share of
    /// units over the age profile's limit is above target).
    public var moneyToMeetRules: [YearAmount]
    /// The age profile per modality (and the network, `modality` nil) per year, with and without the plan.
    public var ageProfile: [AgeProfileYear]
    /// Capacity against demand per modality per year (empty without demand).
    public var capacity: [CapacityYear]

    /// Total spend over the horizon.
    public var totalSpend: Pence { yearSummaries.reduce(Pence.zero) { $0 + $1.spend } }

    /// A plan from its parts (a saved plan read back from the database, a test's hand-made plan).
    public init(firstYear: Int, years: Int, status: SolveResult.Status, objective: Double?, bound: Double?, gap: Double?,
                seconds: Double, reason: String?, costWithout: Double, assets: [AssetPlan], yearSummaries: [YearSummary],
                trustYears: [TrustYearSummary], unfunded: [UnfundedAsset], additions: [AdditionPlan] = [],
                breaches: [RuleBreach] = [], shareBreaches: [ShareBreach] = [], moneyToMeetRules: [YearAmount] = [], ageProfile: [AgeProfileYear] = [],
                capacity: [CapacityYear] = [], breakdownWithPlan: YearCost = .zero, breakdownWithout: YearCost = .zero) {
        self.firstYear = firstYear
        self.years = years
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.reason = reason
        self.costWithout = costWithout
        self.assets = assets
        self.yearSummaries = yearSummaries
        self.trustYears = trustYears
        self.unfunded = unfunded
        self.additions = additions
        self.breaches = breaches
        self.shareBreaches = shareBreaches
        self.moneyToMeetRules = moneyToMeetRules
        self.ageProfile = ageProfile
        self.capacity = capacity
        self.breakdownWithPlan = breakdownWithPlan
        self.breakdownWithout = breakdownWithout
    }
}

/// A replacement (or installation) in `year` at its whole price.
public struct Replacement: Sendable, Equatable {
    /// The year the unit is replaced or installed (at the start of the year).
    public let year: Int
    /// The whole price in that year's money (equipment, works, irrecoverable VAT).
    public let price: PriceBreakdown
    /// The whole price: ``PriceBreakdown/total``.
    public var cost: Pence { price.total }

    /// Creates a replacement from its year and whole price.
    public init(year: Int, price: PriceBreakdown) {
        self.year = year
        self.price = price
    }

    /// A replacement whose parts are not known (a saved plan read back): all of it counted as equipment.
    public init(year: Int, cost: Pence) {
        self.init(year: year, price: PriceBreakdown(equipment: cost, works: .zero, vat: .zero))
    }
}

/// One asset's part in a plan.
public struct AssetPlan: Sendable, Equatable {
    /// The replacement type of ``Plan``s (``Planning/Replacement``).
    public typealias Replacement = Planning.Replacement

    /// The trust's ODS code.
    public let trust: String
    /// The site the unit is at.
    public let site: String
    /// The asset tag, unique within the trust.
    public let tag: String
    /// The unit's modality.
    public let modality: Modality
    /// The year the unit was installed; nil when not known (a saved plan read back).
    public let installedYear: Int?
    /// The expected life in years the plan used; nil when not known (a saved plan read back).
    public let expectedLife: Int?
    /// The replacements the plan makes, in year order; empty when the unit is kept in service.
    public var replacements: [Replacement]
    /// Expected cost over the horizon (objective terms, pounds) under the plan.
    public let costWithPlan: Double
    /// Expected cost over the horizon (objective terms, pounds) if the unit is never replaced.
    public let costWithout: Double
    /// Whether the policy excludes the unit (outside the network's capital: never replaced).
    public let excluded: Bool
    /// The first horizon year in which the unit reaches its expected life or breaks a hard rule; nil when not due.
    public let dueYear: Int?

    /// `TRUST/TAG`: unique across the network.
    public var key: String { "\(trust)/\(tag)" }
    /// The whole price of all its replacements over the horizon.
    public var totalCost: Pence { replacements.reduce(Pence.zero) { $0 + $1.cost } }

    /// Creates an asset's part in a plan from its parts.
    public init(trust: String, site: String, tag: String, modality: Modality, replacements: [Replacement],
                costWithPlan: Double, costWithout: Double, excluded: Bool, dueYear: Int?, installedYear: Int? = nil,
                expectedLife: Int? = nil) {
        self.trust = trust
        self.site = site
        self.tag = tag
        self.modality = modality
        self.replacements = replacements
        self.costWithPlan = costWithPlan
        self.costWithout = costWithout
        self.excluded = excluded
        self.dueYear = dueYear
        self.installedYear = installedYear
        self.expectedLife = expectedLife
    }
}

/// An additional unit the plan installs at a site for demand above its capacity.
public struct AdditionPlan: Sendable, Equatable {
    /// The trust's ODS code.
    public let trust: String
    /// The site that gets the unit.
    public let site: String
    /// The unit's modality.
    public let modality: Modality
    /// The `unit`-th additional unit of the modality at the site.
    public let unit: Int
    /// Installation (and any later replacement) years with their whole prices.
    public var installations: [Replacement]
    /// Scans it covers over the horizon that would otherwise be done elsewhere.
    public let scansCovered: Double
    /// Expected cost over the horizon (objective terms, pounds) with the unit installed as planned.
    public let costWithPlan: Double
    /// Expected cost over the horizon (objective terms, pounds) without the unit: its demand done elsewhere.
    public let costWithout: Double

    /// `NEW-CT-1`: how lots and tables name it.
    public var tag: String { "NEW-\(modality.rawValue)-\(unit)" }
    /// `TRUST/SITE/NEW-CT-1`: unique across the network.
    public var key: String { "\(trust)/\(site)/\(tag)" }
    /// The whole price of all its installations over the horizon.
    public var totalCost: Pence { installations.reduce(Pence.zero) { $0 + $1.cost } }

    /// Creates an additional unit's part in a plan from its parts.
    public init(trust: String, site: String, modality: Modality, unit: Int, installations: [Replacement],
                scansCovered: Double, costWithPlan: Double, costWithout: Double) {
        self.trust = trust
        self.site = site
        self.modality = modality
        self.unit = unit
        self.installations = installations
        self.scansCovered = scansCovered
        self.costWithPlan = costWithPlan
        self.costWithout = costWithout
    }
}

/// One year of a plan across the network.
public struct YearSummary: Sendable, Equatable {
    /// The calendar year.
    public let year: Int
    /// The network's capital budget for the year.
    public let budget: Pence
    /// What the plan spends in the year: the whole prices of its replacements and installations.
    public let spend: Pence
    /// Existing units replaced in the year (additional units are counted in `additions`).
    public let replacements: Int
    /// The objective's terms in this year (pounds) under the plan.
    public let costWithPlan: Double
    /// The same without any replacement or addition (pounds).
    public let costWithout: Double
    /// Additional units installed this year.
    public let additions: Int
    /// Spend per modality (modalities with no spend absent).
    public let spendByModality: [Modality: Pence]
    /// Spend per trust code (trusts with no spend absent).
    public let spendByTrust: [String: Pence]
    /// Spend in its parts.
    public let price: PriceBreakdown

    /// Budget left unspent (negative would mean an overrun, which a plan never has).
    public var headroom: Pence { budget - spend }

    /// Creates a year summary from its parts.
    public init(year: Int, budget: Pence, spend: Pence, replacements: Int, costWithPlan: Double, costWithout: Double,
                additions: Int = 0, spendByModality: [Modality: Pence] = [:], spendByTrust: [String: Pence] = [:],
                price: PriceBreakdown = .zero) {
        self.year = year
        self.budget = budget
        self.spend = spend
        self.replacements = replacements
        self.costWithPlan = costWithPlan
        self.costWithout = costWithout
        self.additions = additions
        self.spendByModality = spendByModality
        self.spendByTrust = spendByTrust
        self.price = price
    }
}

/// One trust in one year of a plan.
public struct TrustYearSummary: Sendable, Equatable {
    /// The trust's ODS code.
    public let trust: String
    /// The calendar year.
    public let year: Int
    /// The trust's limit that year, if the policy sets one.
    public let limit: Pence?
    /// What the plan spends for the trust in the year (whole prices).
    public let spend: Pence
    /// The trust's existing units replaced in the year.
    public let replacements: Int
    /// The objective's terms (pounds) for the trust's units in the year, under the plan.
    public let costWithPlan: Double
    /// The same without any replacement (pounds).
    public let costWithout: Double
}

/// An asset the plan leaves unfunded: due inside the horizon (at its expected life, or breaking a hard rule) and
/// replaced later or not at all; `reasons` says what stopped replacing it in its due year.
public struct UnfundedAsset: Sendable, Equatable {
    /// The trust's ODS code.
    public let trust: String
    /// The asset tag.
    public let tag: String
    /// The unit's modality.
    public let modality: Modality
    /// The first horizon year in which the unit reaches its expected life or breaks a hard rule.
    public let dueYear: Int
    /// The planned first replacement year, nil when not replaced in the horizon.
    public let plannedYear: Int?
    /// Expected cost over the horizon (objective terms, pounds) under the plan.
    public let costCarried: Double
    /// Expected cost over the horizon (objective terms, pounds) had it been replaced in (or after) its due year.
    public let costIfReplacedWhenDue: Double
    /// What stopped replacing it in its due year, budget first, then trust limit, then capacity.
    public let reasons: [BindingReason]

    /// `TRUST/TAG`: unique across the network.
    public var key: String { "\(trust)/\(tag)" }
}

/// One unit breaking one hard rule in one year under the plan.
public struct RuleBreach: Sendable, Equatable {
    /// The trust's ODS code.
    public let trust: String
    /// The asset tag.
    public let tag: String
    /// The unit's modality.
    public let modality: Modality
    /// The calendar year of the breach.
    public let year: Int
    /// The rule broken.
    public let rule: RuleKind
    /// The unit's age that year.
    public let age: Int
    /// `TRUST/TAG`: unique across the network.
    public var key: String { "\(trust)/\(tag)" }
}

/// A modality whose share of units older than the age profile's limit is above target in a year.
public struct ShareBreach: Sendable, Equatable {
    /// The modality.
    public let modality: Modality
    /// The calendar year.
    public let year: Int
    /// Units of the modality in service that year (excluded units left out).
    public let units: Int
    /// Of those, units older than the age profile's limit (``AgeProfileTarget/oldYears``).
    public let old: Int
    /// Units over the limit beyond what the target allows: the oldest of them are costed into the money to meet rules.
    public let excess: Int
    /// `old ÷ units`, a fraction 0...1 (0 when there are no units).
    public var share: Double { units == 0 ? 0 : Double(old) / Double(units) }
}

/// An amount of money in a year.
public struct YearAmount: Sendable, Equatable {
    /// The calendar year.
    public let year: Int
    /// The amount.
    public let amount: Pence
}

/// How old the units are in one year: at most `newYears` old, `newYears`+1 to `oldYears`, older.
public struct AgeProfileYear: Sendable, Equatable {
    /// Units by age band: `new` at most `newYears` old, `middle` up to `oldYears`, `old` older.
    public struct Counts: Sendable, Equatable {
        /// Units in each age band.
        public var new: Int, middle: Int, old: Int
        /// All units counted.
        public var total: Int { new + middle + old }
        /// The share of units in the oldest band, a fraction 0...1 (0 without units).
        public var oldShare: Double { total == 0 ? 0 : Double(old) / Double(total) }
        /// The share of units in the newest band, a fraction 0...1 (0 without units).
        public var newShare: Double { total == 0 ? 0 : Double(new) / Double(total) }
    }
    /// nil: the whole network.
    public let modality: Modality?
    /// The calendar year.
    public let year: Int
    /// The counts under the plan (additional units included once installed).
    public let withPlan: Counts
    /// The counts if nothing were replaced or added.
    public let without: Counts
}

/// Capacity against demand for one modality in one year, summed over sites.
public struct CapacityYear: Sendable, Equatable {
    /// The modality.
    public let modality: Modality
    /// The calendar year.
    public let year: Int
    /// Scans needed that year (summed over the sites with demand).
    public var demand: Double
    /// Scans a year the units in service can do, with the plan's additional units.
    public var capacityWithPlan: Double
    /// The same without the plan's additional units.
    public var capacityWithout: Double
    /// Scans of demand above each site's capacity (done elsewhere), with the plan's additional units.
    public var unmetWithPlan: Double
    /// The same without the plan's additional units.
    public var unmetWithout: Double
}

/// Why an asset could not be replaced in its due year, given the rest of the plan.
///
/// Rule kept: a `budget`, `trustLimit` or `capacity` reason names a resource of the due year whose headroom
/// (limit − what the rest of the plan uses) is smaller than what the replacement needs; `excluded` when the policy
/// forbids replacing it; `choice` when nothing binds in the due year: the replacement would fit, and the optimiser
/// spent the money where it avoids more expected cost (or within its gap tolerance).
public struct BindingReason: Sendable, Equatable {
    /// What kind of thing binds (JSON: `budget`, `trust_limit`, `capacity`, `excluded`, `choice`).
    public enum Kind: String, Sendable, Codable {
        case budget, trustLimit = "trust_limit", capacity, excluded, choice
    }

    /// What binds.
    public let kind: Kind
    /// The binding resource id (`budget:2027`, `trust:RAA:2027`, `cap:RAA/S1:CT:2027`).
    public let resource: String?
    /// The binding resource's year; nil for `excluded` and `choice`.
    public let year: Int?
    /// What the replacement needs of the resource (pence for money, units for capacity); nil for `excluded` and
    /// `choice`.
    public let needed: Int64?
    /// What the rest of the plan leaves of the resource, in the same unit (never negative); nil for `excluded` and
    /// `choice`.
    public let available: Int64?

    /// Creates a reason from its parts.
    public init(kind: Kind, resource: String? = nil, year: Int? = nil, needed: Int64? = nil, available: Int64? = nil) {
        self.kind = kind; self.resource = resource; self.year = year; self.needed = needed; self.available = available
    }

    /// A short sentence for tables: "budget 2027: needs £700,000.00, £120,000.00 left".
    public var text: String {
        switch kind {
        case .budget, .trustLimit:
            let label = kind == .budget ? "budget" : "trust limit \(resource ?? "")"
            return "\(label) \(year.map(String.init) ?? ""): needs \(Pence(needed ?? 0).formatted), "
                + "\(Pence(available ?? 0).formatted) left"
        case .capacity:
            return "capacity \(resource ?? ""): \(available ?? 0) of the site's slots left"
        case .excluded: return "excluded by policy"
        case .choice: return "would fit in its due year; the plan does better replacing it later or spending the money elsewhere"
        }
    }
}
