import CapitalCore

/// What a saved plan's JSON document (`plan.document`, written by Planning's `PlanDocument`) adds to the board
/// report: the expected cost in its parts, spend and value per modality, the fleet's age profile for every plan year
/// with and without the plan, capacity against demand, the units breaking a hard rule and the money that would meet
/// the rules.
///
/// Rules kept: money is ``Pence``; expected costs are pounds as `Double` (the document carries them as whole pounds);
/// a document without a part (a plan saved before costs were in pounds, or made without demand) leaves that part
/// empty or nil, and the report says so rather than showing zeros.
public struct PlanDetails: Sendable, Equatable {
    /// The objective over the horizon in its parts (pounds).
    public struct Costs: Sendable, Equatable {
        /// Scans lost while units are down, at the value of a lost scan.
        public let lostScans: Double
        /// Expected parts and call-outs for breakdowns.
        public let repairs: Double
        /// Maintenance contracts and other upkeep.
        public let upkeep: Double
        /// Demand above capacity, at the cost of an outsourced scan.
        public let unmetDemand: Double
        /// The price the policy puts on breaches and over-age units so the optimiser avoids them: not money.
        public let rulesPrice: Double
        /// The part of each unit's whole price used up by the horizon's end, what the plan leaves its successors to
        /// replace (priced so plans do not age the fleet in their last years): not money spent in the horizon.
        public let backlogAtEnd: Double

        /// Creates the parts, in pounds.
        public init(lostScans: Double, repairs: Double, upkeep: Double, unmetDemand: Double, rulesPrice: Double,
                    backlogAtEnd: Double = 0) {
            self.lostScans = lostScans; self.repairs = repairs; self.upkeep = upkeep; self.unmetDemand = unmetDemand
            self.rulesPrice = rulesPrice; self.backlogAtEnd = backlogAtEnd
        }

        /// Money expected to be spent or lost: lost scans + repairs + upkeep + unmet demand.
        public var expected: Double { lostScans + repairs + upkeep + unmetDemand }
        /// What the optimiser minimises: the expected cost plus the rules' price and the backlog left at the end.
        public var total: Double { expected + rulesPrice + backlogAtEnd }
    }

    /// One modality over the horizon.
    public struct ModalitySummary: Sendable, Equatable {
        /// The modality.
        public let modality: Modality
        /// Units in the plan's fleet.
        public var units: Int
        /// Units replaced at least once.
        public var replaced: Int
        /// Replacements made (a unit replaced twice counts twice).
        public var replacements: Int
        /// Additional units installed for demand.
        public var added: Int
        /// The whole price of its replacements and additional units over the horizon.
        public var spend: Pence
        /// Expected cost without the plan minus with it, pounds; nil when the plan is not in pounds.
        public var avoided: Double?


        /// Expected cost avoided per pound spent.
        public var avoidedPerPound: Double? {
            guard let avoided, spend.value > 0 else { return nil }
            return avoided / (Double(spend.value) / 100)
        }
    }

    /// Units by age in one year: 5 years old or less, 6 to 10, over 10 (the planner's whole-year ages).
    public struct AgeCounts: Sendable, Equatable {
        /// Units 5 years old or less.
        public let le5: Int
        /// Units 6 to 10 years old.
        public let from6to10: Int
        /// Units over 10 years old.
        public let over10: Int

        /// All units counted.
        public var total: Int { le5 + from6to10 + over10 }
        /// The share 5 years old or less, a fraction 0...1 (0 without units).
        public var shareLE5: Double { total == 0 ? 0 : Double(le5) / Double(total) }
        /// The share 6 to 10 years old, a fraction 0...1 (0 without units).
        public var shareFrom6to10: Double { total == 0 ? 0 : Double(from6to10) / Double(total) }
        /// The share over 10 years old, a fraction 0...1 (0 without units).
        public var shareOver10: Double { total == 0 ? 0 : Double(over10) / Double(total) }

        /// Whether each limit of the 60/30/10 rule is met (nil when there are no units).
        public func meets(_ rule: AgeRule) -> (le5: Bool, from6to10: Bool, over10: Bool)? {
            guard total > 0 else { return nil }
            return (shareLE5 + 1e-12 >= rule.minUnder5, shareFrom6to10 <= rule.maxFiveToTen + 1e-12,
                    shareOver10 <= rule.maxOver10 + 1e-12)
        }

        /// All three limits met.
        public func meetsAll(_ rule: AgeRule) -> Bool { meets(rule).map { $0.le5 && $0.from6to10 && $0.over10 } ?? false }
    }

    /// The age profile of one modality (or the network, `modality` nil) in one plan year.
    public struct AgeYear: Sendable, Equatable {
        /// The modality; nil for the whole network.
        public let modality: Modality?
        /// The calendar year.
        public let year: Int
        /// The counts under the plan (additional units included once installed).
        public let withPlan: AgeCounts
        /// The counts if nothing were replaced or added.
        public let without: AgeCounts
    }

    /// Capacity against demand for one modality in one year, scans a year summed over sites.
    public struct CapacityYear: Sendable, Equatable {
        /// The modality.
        public let modality: Modality
        /// The calendar year.
        public let year: Int
        /// Scans needed that year.
        public let demand: Double
        /// Scans a year the units in service can do, with the plan's additional units.
        public let capacityWithPlan: Double
        /// The same without the plan's additional units.
        public let capacityWithout: Double
        /// Demand above each site's capacity (done elsewhere).
        public let unmetWithPlan: Double
        /// The same without the plan's additional units.
        public let unmetWithout: Double
    }

    /// One unit breaking one hard rule in one year under the plan.
    public struct Breach: Sendable, Equatable {
        /// The trust's ODS code.
        public let trust: String
        /// The asset tag.
        public let asset: String
        /// The unit's modality.
        public let modality: Modality
        /// The calendar year of the breach.
        public let year: Int
        /// `max_age`, `support_ended` or `age_profile`.
        public let rule: String
        /// The unit's age that year.
        public let age: Int

        /// The rule as a board reads it.
        public var ruleText: String { Self.ruleText(rule) }

        /// `rule` (`max_age`, `support_ended`, `age_profile`) as a board reads it; an unknown rule is returned as
        /// given.
        public static func ruleText(_ rule: String) -> String {
            switch rule {
            case "max_age": return "past its maximum age"
            case "support_ended": return "too long past end of manufacturer support"
            case "age_profile": return "older than the age profile's limit"
            default: return rule
            }
        }
    }

    /// A modality whose share of units over 10 years is above the target in a year, under the plan.
    public struct ShareBreach: Sendable, Equatable {
        /// The modality.
        public let modality: Modality
        /// The calendar year.
        public let year: Int
        /// Units of the modality in service that year.
        public let units: Int
        /// Of those, units over 10 years old.
        public let over10: Int
        /// The largest share of units over 10 years the policy allows (0.1).
        public let target: Double
        /// Units over 10 beyond what the target allows.
        public let excess: Int
        /// `over10 ÷ units`, a fraction 0...1 (0 without units).
        public var share: Double { units == 0 ? 0 : Double(over10) / Double(units) }
    }

    /// An amount of money in a year.
    public struct YearAmount: Sendable, Equatable {
        /// The calendar year.
        public let year: Int
        /// The amount.
        public let amount: Pence
    }

    /// The objective's parts over the horizon, with the plan (nil: the document has none).
    public var costsWithPlan: Costs?
    /// The same with no replacement (nil: the document has none).
    public var costsWithout: Costs?
    /// Spend per year per modality (replacements and additional units at their whole price).
    public var spendByModality: [Int: [Modality: Pence]]
    /// Per modality over the horizon, in the vocabulary's order.
    public var modalities: [ModalitySummary]
    /// Per year: the network (`modality` nil) first, then each modality.
    public var ageProfile: [AgeYear]
    /// Per modality per year; empty when the plan was made without demand.
    public var capacity: [CapacityYear]
    /// Every unit-year breaking a hard rule.
    public var breaches: [Breach]
    /// Modality-years in which the share of units over 10 years is above the target, under the plan.
    public var ageShareBreaches: [ShareBreach]
    /// Money beyond the budgets, per year, that would remove every breach.
    public var moneyToMeetRules: [YearAmount]

    /// Creates details from their parts; every part defaults to empty (a plan document that adds nothing).
    public init(costsWithPlan: Costs? = nil, costsWithout: Costs? = nil, spendByModality: [Int: [Modality: Pence]] = [:],
                modalities: [ModalitySummary] = [], ageProfile: [AgeYear] = [], capacity: [CapacityYear] = [],
                breaches: [Breach] = [], ageShareBreaches: [ShareBreach] = [], moneyToMeetRules: [YearAmount] = []) {
        self.costsWithPlan = costsWithPlan; self.costsWithout = costsWithout; self.spendByModality = spendByModality
        self.modalities = modalities; self.ageProfile = ageProfile; self.capacity = capacity; self.breaches = breaches
        self.ageShareBreaches = ageShareBreaches; self.moneyToMeetRules = moneyToMeetRules
    }

    /// The network's profile in `year` (nil when the document has none).
    public func networkAge(_ year: Int) -> AgeYear? { ageProfile.first { $0.modality == nil && $0.year == year } }

    /// Modalities with a projected profile, in the vocabulary's order.
    public var ageModalities: [Modality] { Array(Set(ageProfile.compactMap(\.modality))).sorted() }

    /// One row per unit in breach: its first year, the rules it breaks, its age that year and how many years.
    public struct BreachingUnit: Sendable, Equatable {
        /// The unit: its trust's ODS code, asset tag and modality.
        public let trust: String, asset: String, modality: Modality
        /// The first and last years it breaks a rule, and its age in the first.
        public var firstYear: Int, ageInFirstYear: Int, lastYear: Int
        /// The rules it breaks (`max_age`, `support_ended`, `age_profile`), in the order first broken.
        public var rules: [String]
        /// Years (not unit-rule pairs) in which the unit breaks at least one rule.
        public var years: Int
    }

    /// One row per unit in ``breaches``, units in the order they first break a rule.
    public var breachingUnits: [BreachingUnit] {
        var order: [String] = [], units: [String: BreachingUnit] = [:], years: [String: Set<Int>] = [:]
        for b in breaches.sorted(by: { ($0.year, $0.trust, $0.asset) < ($1.year, $1.trust, $1.asset) }) {
            let key = "\(b.trust)/\(b.asset)"
            if var u = units[key] {
                if !u.rules.contains(b.rule) { u.rules.append(b.rule) }
                u.lastYear = max(u.lastYear, b.year)
                units[key] = u
            } else {
                order.append(key)
                units[key] = BreachingUnit(trust: b.trust, asset: b.asset, modality: b.modality, firstYear: b.year,
                                           ageInFirstYear: b.age, lastYear: b.year, rules: [b.rule], years: 0)
            }
            years[key, default: []].insert(b.year)
        }
        return order.map { key in var u = units[key]!; u.years = years[key]!.count; return u }
    }

    /// Σ money to meet the rules.
    public var moneyToMeetRulesTotal: Pence { moneyToMeetRules.reduce(Pence.zero) { $0 + $1.amount } }
}
