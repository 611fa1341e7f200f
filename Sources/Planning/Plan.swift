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
    public var firstYear: Int
    public var years: Int
    public var status: SolveResult.Status
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    public var reason: String?
    /// The unit of objective, bound and every cost: pounds.
    public var objectiveUnit: String { "GBP" }
    /// The objective's total over the horizon if nothing were replaced or added.
    public var costWithout: Double
    /// The costs over the horizon by kind, with the plan and without it.
    public var breakdownWithPlan: YearCost
    public var breakdownWithout: YearCost
    public var assets: [AssetPlan]
    /// Additional units the plan installs for demand.
    public var additions: [AdditionPlan]
    public var yearSummaries: [YearSummary]
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
    public var year: Int
    public var price: PriceBreakdown
    public var cost: Pence { price.total }

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
    public typealias Replacement = Planning.Replacement

    public var trust: String
    public var site: String
    public var tag: String
    public var modality: Modality
    public var installedYear: Int?
    public var expectedLife: Int?
    public var replacements: [Replacement]
    /// Expected cost over the horizon (objective terms, pounds) under the plan, and if never replaced.
    public var costWithPlan: Double
    public var costWithout: Double
    public var excluded: Bool
    public var dueYear: Int?

    public var key: String { "\(trust)/\(tag)" }
    public var totalCost: Pence { replacements.reduce(Pence.zero) { $0 + $1.cost } }

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
    public var trust: String
    public var site: String
    public var modality: Modality
    /// The `unit`-th additional unit of the modality at the site.
    public var unit: Int
    /// Installation (and any later replacement) years with their whole prices.
    public var installations: [Replacement]
    /// Scans it covers over the horizon that would otherwise be done elsewhere.
    public var scansCovered: Double
    public var costWithPlan: Double
    public var costWithout: Double

    /// `NEW-CT-1`: how lots and tables name it.
    public var tag: String { "NEW-\(modality.rawValue)-\(unit)" }
    public var key: String { "\(trust)/\(site)/\(tag)" }
    public var totalCost: Pence { installations.reduce(Pence.zero) { $0 + $1.cost } }

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
    public var year: Int
    public var budget: Pence
    public var spend: Pence
    public var replacements: Int
    /// The objective's terms in this year (pounds) under the plan and without any replacement.
    public var costWithPlan: Double
    public var costWithout: Double
    /// Additional units installed this year.
    public var additions: Int
    public var spendByModality: [Modality: Pence]
    public var spendByTrust: [String: Pence]
    /// Spend in its parts.
    public var price: PriceBreakdown

    public var headroom: Pence { budget - spend }

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
    public var trust: String
    public var year: Int
    /// The trust's limit that year, if the policy sets one.
    public var limit: Pence?
    public var spend: Pence
    public var replacements: Int
    public var costWithPlan: Double
    public var costWithout: Double
}

/// An asset the plan leaves unfunded: due inside the horizon (at its expected life, or breaking a hard rule) and
/// replaced later or not at all; `reasons` says what stopped replacing it in its due year.
public struct UnfundedAsset: Sendable, Equatable {
    public var trust: String
    public var tag: String
    public var modality: Modality
    public var dueYear: Int
    /// The planned first replacement year, nil when not replaced in the horizon.
    public var plannedYear: Int?
    /// Expected cost (objective terms, pounds) under the plan, and if replaced in the due year.
    public var costCarried: Double
    public var costIfReplacedWhenDue: Double
    public var reasons: [BindingReason]

    public var key: String { "\(trust)/\(tag)" }
}

/// One unit breaking one hard rule in one year under the plan.
public struct RuleBreach: Sendable, Equatable {
    public var trust: String
    public var tag: String
    public var modality: Modality
    public var year: Int
    public var rule: RuleKind
    /// The unit's age that year.
    public var age: Int
    public var key: String { "\(trust)/\(tag)" }
}

/// A modality whose share of units older than the age profile's limit is above target in a year.
public struct ShareBreach: Sendable, Equatable {
    public var modality: Modality
    public var year: Int
    public var units: Int
    public var old: Int
    /// Units over the limit beyond what the target allows: the oldest of them are costed into the money to meet rules.
    public var excess: Int
    public var share: Double { units == 0 ? 0 : Double(old) / Double(units) }
}

/// An amount of money in a year.
public struct YearAmount: Sendable, Equatable {
    public var year: Int
    public var amount: Pence
}

/// How old the units are in one year: at most `newYears` old, `newYears`+1 to `oldYears`, older.
public struct AgeProfileYear: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var new: Int, middle: Int, old: Int
        public var total: Int { new + middle + old }
        public var oldShare: Double { total == 0 ? 0 : Double(old) / Double(total) }
        public var newShare: Double { total == 0 ? 0 : Double(new) / Double(total) }
    }
    /// nil: the whole network.
    public var modality: Modality?
    public var year: Int
    public var withPlan: Counts
    public var without: Counts
}

/// Capacity against demand for one modality in one year, summed over sites.
public struct CapacityYear: Sendable, Equatable {
    public var modality: Modality
    public var year: Int
    public var demand: Double
    /// Scans a year the units in service can do, with the plan's additional units and without.
    public var capacityWithPlan: Double
    public var capacityWithout: Double
    /// Demand above each site's capacity (done elsewhere), with the plan and without.
    public var unmetWithPlan: Double
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

    public var kind: Kind
    /// The binding resource id (`budget:2027`, `trust:RAA:2027`, `cap:RAA/S1:CT:2027`).
    public var resource: String?
    public var year: Int?
    /// What the replacement needs of the resource and what is left (pence for money, units for capacity).
    public var needed: Int64?
    public var available: Int64?

    public init(kind: Kind, resource: String? = nil, year: Int? = nil, needed: Int64? = nil, available: Int64? = nil) {
        self.kind = kind
        self.resource = resource
        self.year = year
        self.needed = needed
        self.available = available
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
