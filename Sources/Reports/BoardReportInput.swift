import CapitalCore

/// Everything the board report shows, as plain values: no database, no optimiser, no file formats.
///
/// `ReportData` in CapitalStore gathers these from the database; tests make them by hand. Money is ``Pence``;
/// expected costs are pounds as `Double` (estimates, shown in whole pounds), or risk-years for a plan saved before
/// the planner's objective was in pounds (``CostUnit/riskYears``). What the saved plan's JSON document adds (the
/// cost breakdown, spend and value per modality, the projected age profile, capacity, breaches) is in ``details``;
/// the budget sweep, when the caller has one, is in ``frontier``.
public struct BoardReportInput: Sendable, Equatable {
    /// What a plan's objective, bound and expected costs are measured in.
    public enum CostUnit: String, Sendable, Equatable {
        /// Pounds: plans saved since the objective became an expected cost (migration 0009).
        case pounds = "GBP"
        /// The old unitless likelihood × impact score summed over assets and years: plans saved before 0009.
        case riskYears = "risk-years"
    }

    /// The saved plan and its certificate.
    public struct PlanInfo: Sendable, Equatable {
        /// The saved plan's database id.
        public let id: Int64
        /// The plan's version number within the network (1, 2, …).
        public let version: Int
        /// The name the plan was saved under.
        public let name: String
        /// `approved`, `draft` or `superseded`.
        public let status: String
        /// Who approved the plan; nil when it is not approved.
        public let approvedBy: String?
        /// ISO timestamp, UTC.
        public let approvedAt: String?
        /// When the plan was saved: ISO timestamp, UTC.
        public let createdAt: String
        /// The first planned year.
        public let firstYear: Int
        /// The number of years planned.
        public let years: Int
        /// `optimal`, `feasible`, `infeasible`, `unknown`.
        public let solverStatus: String
        /// The unit of `objective`, `bound`, `costWithout` and every year's expected cost.
        public var unit: CostUnit
        /// What the optimiser minimised, over the horizon, with the plan: the expected cost plus the rules' price.
        public var objective: Double?
        /// A proven lower bound on `objective` for any plan within the same budgets.
        public var bound: Double?
        /// The solver's relative gap, (objective − bound) / objective.
        public var gap: Double?
        /// Wall-clock seconds the solver spent.
        public let seconds: Double
        /// The same total over the horizon if nothing were replaced or added.
        public var costWithout: Double
        /// The whole price of every replacement and addition over the horizon.
        public let totalSpend: Pence
        /// Replacements of register units the plan makes over the horizon (additional units not counted).
        public let replacements: Int
        /// Assets due in the horizon that the plan does not replace in the year they fall due.
        public let unfunded: Int
        /// Unit-years breaking a hard rule under the plan.
        public var breachYears: Int
        /// The policy file's name, as given when the plan was saved.
        public let policyFile: String
        /// The SHA-256 of the policy text, as lowercase hex.
        public let policySHA256: String

        /// Creates the plan's information from its parts.
        public init(id: Int64, version: Int, name: String, status: String, approvedBy: String? = nil, approvedAt: String? = nil,
                    createdAt: String, firstYear: Int, years: Int, solverStatus: String, unit: CostUnit = .pounds,
                    objective: Double?, bound: Double?, gap: Double?, seconds: Double, costWithout: Double, totalSpend: Pence,
                    replacements: Int, unfunded: Int, breachYears: Int = 0, policyFile: String, policySHA256: String) {
            self.id = id; self.version = version; self.name = name; self.status = status
            self.approvedBy = approvedBy; self.approvedAt = approvedAt; self.createdAt = createdAt
            self.firstYear = firstYear; self.years = years; self.solverStatus = solverStatus; self.unit = unit
            self.objective = objective; self.bound = bound; self.gap = gap; self.seconds = seconds
            self.costWithout = costWithout; self.totalSpend = totalSpend; self.replacements = replacements
            self.unfunded = unfunded; self.breachYears = breachYears; self.policyFile = policyFile; self.policySHA256 = policySHA256
        }

        /// The last financial year of the horizon.
        public var lastYear: Int { firstYear + years - 1 }
    }

    /// A member trust.
    public struct TrustInfo: Sendable, Equatable {
        /// The trust's ODS code.
        public let code: String
        /// The trust's name.
        public let name: String
        /// Creates a trust from its code and name.
        public init(code: String, name: String) { self.code = code; self.name = name }
    }

    /// One plan year across the network.
    public struct Year: Sendable, Equatable {
        /// The calendar year.
        public let year: Int
        /// The network's capital budget for the year.
        public var budget: Pence
        /// What the plan spends in the year (whole prices).
        public let spend: Pence
        /// Existing units replaced in the year.
        public let replacements: Int
        /// Additional units installed for demand.
        public var additions: Int
        /// The year's expected cost (plus the rules' price) with the plan and if nothing were replaced, in the plan's unit.
        public let expectedCostWithPlan: Double
        /// The same if nothing were replaced or added, in the plan's unit.
        public let expectedCostWithout: Double
        /// Creates a plan year from its parts.
        public init(year: Int, budget: Pence, spend: Pence, replacements: Int, additions: Int = 0, expectedCostWithPlan: Double,
                    expectedCostWithout: Double) {
            self.year = year; self.budget = budget; self.spend = spend; self.replacements = replacements; self.additions = additions
            self.expectedCostWithPlan = expectedCostWithPlan; self.expectedCostWithout = expectedCostWithout
        }
    }

    /// One planned replacement of one asset, or one additional unit installed for demand.
    public struct Replacement: Sendable, Equatable {
        /// The trust's ODS code.
        public let trust: String
        /// The site.
        public let site: String
        /// The asset's tag; an additional unit's name (`NEW-CT-1`).
        public let asset: String
        /// The unit's modality.
        public let modality: Modality
        /// The year of the replacement or installation.
        public let year: Int
        /// Its whole price in that year's money.
        public let cost: Pence
        /// True for an additional unit (capacity for demand) rather than a like-for-like replacement.
        public let addition: Bool
        /// Creates a replacement from its parts (a like-for-like replacement unless `addition`).
        public init(trust: String, site: String, asset: String, modality: Modality, year: Int, cost: Pence, addition: Bool = false) {
            self.trust = trust; self.site = site; self.asset = asset; self.modality = modality; self.year = year; self.cost = cost
            self.addition = addition
        }
    }

    /// One unit of the register's installed base (for the age profile today and the register summary).
    public struct FleetUnit: Sendable, Equatable {
        /// The trust's ODS code.
        public let trust: String
        /// The unit's modality.
        public let modality: Modality
        /// Nil when the register gives no install date (counted, but not aged).
        public let installDate: CalendarDate?
        /// Creates a fleet unit from its parts.
        public init(trust: String, modality: Modality, installDate: CalendarDate?) {
            self.trust = trust; self.modality = modality; self.installDate = installDate
        }
    }

    /// The approved ownership share set.
    public struct Shares: Sendable, Equatable {
        /// One trust's share.
        public struct Entry: Sendable, Equatable {
            /// The trust's ODS code.
            public let trust: String
            /// The share as a percentage, exact text (`"7.1234"`).
            public let percent: String
            /// The trust's figure the method divides (its valued contribution); nil for a blend, which mixes shares
            /// rather than values.
            public let value: Pence?
            /// Creates an entry from its parts.
            public init(trust: String, percent: String, value: Pence?) { self.trust = trust; self.percent = percent; self.value = value }
        }
        /// The share set's database id.
        public let id: Int64
        /// The share set's version number within the network.
        public let version: Int
        /// How the shares were worked out, as the share set names it.
        public let method: String
        /// The share set's status (`approved` for the set in force).
        public let status: String
        /// Who approved the set; nil when not recorded.
        public let approvedBy: String?
        /// When the set was approved: ISO timestamp, UTC; nil when not recorded.
        public let approvedAt: String?
        /// The date the equipment was valued as of.
        public let valuedAsOf: CalendarDate
        /// One entry per member trust.
        public let entries: [Entry]
        /// Creates a share set from its parts.
        public init(id: Int64, version: Int, method: String, status: String, approvedBy: String?, approvedAt: String?,
                    valuedAsOf: CalendarDate, entries: [Entry]) {
            self.id = id; self.version = version; self.method = method; self.status = status
            self.approvedBy = approvedBy; self.approvedAt = approvedAt; self.valuedAsOf = valuedAsOf; self.entries = entries
        }
    }

    /// A capital call: what each trust was asked for.
    public struct Call: Sendable, Equatable {
        /// The call's reference.
        public let reference: String
        /// The date of the call.
        public let date: CalendarDate
        /// Financial-year label (`2026/27`).
        public let yearLabel: String
        /// What the money is for.
        public let purpose: String
        /// `approved` or `issued` (draft calls are not reported).
        public let status: String
        /// The amount called, in total.
        public let amount: Pence
        /// Parts by trust code; they sum to `amount`.
        public let parts: [String: Pence]
        /// Creates a call from its parts.
        public init(reference: String, date: CalendarDate, yearLabel: String, purpose: String, status: String, amount: Pence,
                    parts: [String: Pence]) {
            self.reference = reference; self.date = date; self.yearLabel = yearLabel; self.purpose = purpose
            self.status = status; self.amount = amount; self.parts = parts
        }
    }

    /// A collective purchase lot.
    public struct Lot: Sendable, Equatable {
        /// The lot's id.
        public let id: String
        /// `CT` or `CT (spec)`.
        public let category: String
        /// The financial year the lot buys in (the earliest planned year of any member).
        public let year: Int
        /// The first day of that financial year (`YEAR-04-01`).
        public let needDate: CalendarDate
        /// Units in the lot.
        public let quantity: Int
        /// `RAA×2, RBB×1`.
        public let trusts: String
        /// The lot's value: the exact sum of its members' planned whole prices.
        public let value: Pence
        /// Whether the value before VAT reaches the procurement threshold.
        public let aboveThreshold: Bool
        /// Creates a lot from its parts.
        public init(id: String, category: String, year: Int, needDate: CalendarDate, quantity: Int, trusts: String,
                    value: Pence, aboveThreshold: Bool) {
            self.id = id; self.category = category; self.year = year; self.needDate = needDate; self.quantity = quantity
            self.trusts = trusts; self.value = value; self.aboveThreshold = aboveThreshold
        }
    }

    /// A register import batch the plan was built from.
    public struct Batch: Sendable, Equatable {
        /// The batch's database id.
        public let id: Int64
        /// The trust's ODS code.
        public let trust: String
        /// The name of the file imported.
        public let fileName: String
        /// The SHA-256 of the file, as lowercase hex.
        public let sha256: String
        /// The day the batch was imported (UTC).
        public let importedOn: CalendarDate
        /// Rows loaded into the register.
        public let rowsLoaded: Int
        /// Rows rejected.
        public let rowsRejected: Int
        /// Creates a batch from its parts.
        public init(id: Int64, trust: String, fileName: String, sha256: String, importedOn: CalendarDate, rowsLoaded: Int,
                    rowsRejected: Int) {
            self.id = id; self.trust = trust; self.fileName = fileName; self.sha256 = sha256; self.importedOn = importedOn
            self.rowsLoaded = rowsLoaded; self.rowsRejected = rowsRejected
        }
    }

    /// The network's name, as the report's title gives it.
    public let networkName: String
    /// The date the figures are as of; the register's fleet is aged to this date.
    public let asOf: CalendarDate
    /// The day the report was generated (shown beside ``asOf``); nil leaves it out, for reproducible output.
    public let generatedOn: CalendarDate?
    /// The saved plan and its certificate.
    public var plan: PlanInfo
    /// The member trusts.
    public let trusts: [TrustInfo]
    /// One entry per plan year, in year order.
    public var years: [Year]
    /// Every planned replacement and addition.
    public var replacements: [Replacement]
    /// The register's installed base today (disposed units left out).
    public let fleet: [FleetUnit]
    /// The age profile target the fleet is measured against (COCIR's by default).
    public let ageRule: AgeRule
    /// What the saved plan's JSON document adds: cost breakdown, per-modality figures, age profile per year,
    /// capacity, breaches and the money to meet the rules (empty for a plan whose document lacks them).
    public var details: PlanDetails
    /// Expected cost against annual budget (`capital plan frontier --format json`), when the caller supplies it.
    public let frontier: [FrontierRow]?
    /// The fleet's steady-state need a year (Σ whole price ÷ replacement interval), when known.
    public let steadyStateNeed: Pence?
    /// The approved share set in force; nil when there is none.
    public let shares: Shares?
    /// The approved and issued capital calls.
    public let calls: [Call]
    /// The procurement threshold the lots were flagged against, as people read it (`£135,018.00 inc VAT`).
    public let lotThreshold: String?
    /// The plan's collective purchase lots.
    public let lots: [Lot]
    /// The register import batches the plan was built from.
    public let batches: [Batch]
    /// Each trust's engineering list against its finance register (empty when no finance register was imported).
    public var registers: [RegisterReconciliation] = []

    /// Creates the report input from its parts.
    public init(networkName: String, asOf: CalendarDate, generatedOn: CalendarDate? = nil, plan: PlanInfo, trusts: [TrustInfo], years: [Year],
                replacements: [Replacement], fleet: [FleetUnit], ageRule: AgeRule = .cocir, details: PlanDetails = PlanDetails(),
                frontier: [FrontierRow]? = nil, steadyStateNeed: Pence? = nil, shares: Shares?, calls: [Call],
                lotThreshold: String? = nil, lots: [Lot], batches: [Batch]) {
        self.networkName = networkName; self.asOf = asOf; self.generatedOn = generatedOn; self.plan = plan; self.trusts = trusts; self.years = years
        self.replacements = replacements; self.fleet = fleet; self.ageRule = ageRule; self.details = details
        self.frontier = frontier; self.steadyStateNeed = steadyStateNeed; self.shares = shares
        self.calls = calls; self.lotThreshold = lotThreshold; self.lots = lots; self.batches = batches
    }

    /// Trust codes in the order the report lists them: members by code, then any code only the data names.
    public var trustCodes: [String] {
        var codes = trusts.map(\.code).sorted()
        let extra = Set(replacements.map(\.trust)).union(calls.flatMap { $0.parts.keys }).subtracting(codes)
        codes += extra.sorted()
        return codes
    }

    /// Planned spend by trust and year.
    public func spend(trust: String, year: Int) -> Pence {
        spendByTrustYear[TrustYear(trust: trust, year: year)] ?? .zero
    }

    struct TrustYear: Hashable { var trust: String; var year: Int }
    var spendByTrustYear: [TrustYear: Pence] {
        var out: [TrustYear: Pence] = [:]
        for r in replacements { out[TrustYear(trust: r.trust, year: r.year), default: .zero] = out[TrustYear(trust: r.trust, year: r.year), default: .zero] + r.cost }
        return out
    }

    /// Planned spend on `modality` in `year`: the plan document's figure, else summed from the replacements.
    public func spend(modality: Modality, year: Int) -> Pence {
        if !details.spendByModality.isEmpty { return details.spendByModality[year]?[modality] ?? .zero }
        return replacements.filter { $0.modality == modality && $0.year == year }.reduce(Pence.zero) { $0 + $1.cost }
    }

    /// Modalities with any planned spend, in the vocabulary's order.
    public var spendModalities: [Modality] {
        let fromDocument = details.spendByModality.values.flatMap { $0.filter { $0.value != .zero }.keys }
        let fromReplacements = replacements.map(\.modality)
        return Array(Set(details.spendByModality.isEmpty ? fromReplacements : fromDocument)).sorted()
    }

    /// Financial-year labels with calls, in order.
    public var callYearLabels: [String] {
        Array(Set(calls.map(\.yearLabel))).sorted()
    }

    /// What a trust was called for in a financial year.
    public func called(trust: String, yearLabel: String) -> Pence {
        calls.filter { $0.yearLabel == yearLabel }.reduce(Pence.zero) { $0 + ($1.parts[trust] ?? .zero) }
    }
}
