import CapitalCore
import Optimizer

/// A replacement plan with its certificate: what to replace when, what it costs, the risk left standing with and
/// without the plan, and the assets left unfunded with what binds them.
///
/// Rules kept: spend in every year is within that year's budget (and trust limits); risk figures are sums of
/// likelihood × impact over assets (and, for totals, over years); `objective` is the plan's total risk-years and
/// `bound` a proven lower bound on any plan's, so `gap` bounds how much better a plan could be. When the solver found
/// no plan, `assets`, `years`, `trustYears` and `unfunded` are empty and `reason` says why.
public struct Plan: Sendable {
    public var firstYear: Int
    public var years: Int
    public var status: SolveResult.Status
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    public var reason: String?
    /// Total risk-years over the horizon if nothing were replaced.
    public var baselineRisk: Double
    public var assets: [AssetPlan]
    public var yearSummaries: [YearSummary]
    public var trustYears: [TrustYearSummary]
    /// Assets left at risk, highest risk carried first.
    public var unfunded: [UnfundedAsset]

    /// Total spend over the horizon.
    public var totalSpend: Pence { yearSummaries.reduce(Pence.zero) { $0 + $1.spend } }

    /// A plan from its parts (a saved plan read back from the database, a test's hand-made plan).
    public init(firstYear: Int, years: Int, status: SolveResult.Status, objective: Double?, bound: Double?, gap: Double?,
                seconds: Double, reason: String?, baselineRisk: Double, assets: [AssetPlan], yearSummaries: [YearSummary],
                trustYears: [TrustYearSummary], unfunded: [UnfundedAsset]) {
        self.firstYear = firstYear
        self.years = years
        self.status = status
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.reason = reason
        self.baselineRisk = baselineRisk
        self.assets = assets
        self.yearSummaries = yearSummaries
        self.trustYears = trustYears
        self.unfunded = unfunded
    }
}

/// One asset's part in a plan.
public struct AssetPlan: Sendable, Equatable {
    /// A replacement in `year` at its inflated `cost`.
    public struct Replacement: Sendable, Equatable {
        public var year: Int
        public var cost: Pence
        public init(year: Int, cost: Pence) {
            self.year = year
            self.cost = cost
        }
    }

    public var trust: String
    public var site: String
    public var tag: String
    public var modality: Modality
    public var replacements: [Replacement]
    /// Risk-years over the horizon under the plan, and if never replaced.
    public var riskWithPlan: Double
    public var riskWithout: Double
    public var excluded: Bool
    public var dueYear: Int?

    public var key: String { "\(trust)/\(tag)" }
    public var totalCost: Pence { replacements.reduce(Pence.zero) { $0 + $1.cost } }

    public init(trust: String, site: String, tag: String, modality: Modality, replacements: [Replacement],
                riskWithPlan: Double, riskWithout: Double, excluded: Bool, dueYear: Int?) {
        self.trust = trust
        self.site = site
        self.tag = tag
        self.modality = modality
        self.replacements = replacements
        self.riskWithPlan = riskWithPlan
        self.riskWithout = riskWithout
        self.excluded = excluded
        self.dueYear = dueYear
    }
}

/// One year of a plan across the network.
public struct YearSummary: Sendable, Equatable {
    public var year: Int
    public var budget: Pence
    public var spend: Pence
    public var replacements: Int
    /// Sum over assets of this year's risk score, under the plan and without any replacement.
    public var residualRisk: Double
    public var baselineRisk: Double

    public var headroom: Pence { budget - spend }

    public init(year: Int, budget: Pence, spend: Pence, replacements: Int, residualRisk: Double, baselineRisk: Double) {
        self.year = year
        self.budget = budget
        self.spend = spend
        self.replacements = replacements
        self.residualRisk = residualRisk
        self.baselineRisk = baselineRisk
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
    public var residualRisk: Double
    public var baselineRisk: Double
}

/// An asset the plan leaves at risk: not replaced in the horizon although due in it, or replaced after its due
/// year; `reasons` says what stopped replacing it in its due year.
public struct UnfundedAsset: Sendable, Equatable {
    public var trust: String
    public var tag: String
    public var modality: Modality
    public var dueYear: Int
    /// The planned first replacement year, nil when not replaced in the horizon.
    public var plannedYear: Int?
    /// Risk-years carried under the plan, and what replacing in the due year would have carried.
    public var riskCarried: Double
    public var riskIfReplacedWhenDue: Double
    public var reasons: [BindingReason]

    public var key: String { "\(trust)/\(tag)" }
}

/// Why an asset could not be replaced in its due year, given the rest of the plan.
///
/// Rule kept: a `budget`, `trustLimit` or `capacity` reason names a resource whose headroom (limit − what the rest
/// of the plan uses) is smaller than what the replacement needs; `excluded` when the policy forbids replacing it;
/// `choice` when nothing binds: the replacement would fit, and the optimiser left it out (within the gap tolerance,
/// or because it saves no risk).
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
        case .choice: return "would fit; not chosen by the optimiser"
        }
    }
}
