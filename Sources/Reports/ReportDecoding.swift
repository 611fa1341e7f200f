import CapitalCore
import Foundation

extension BoardReportInput {
    /// One point of a budget sweep (`capital plan frontier`): what the plan would cost at that annual budget.
    public struct FrontierRow: Sendable, Equatable {
        /// Every year's network budget at this point.
        public let annualBudget: Pence
        /// The budget as a share of the fleet's steady-state need (1.0 = the need), when the need is known.
        public var shareOfNeed: Double?
        /// The solver's status at this budget.
        public let status: String
        /// Expected cost plus the rules' price over the horizon, pounds; nil when no plan was found.
        public let expectedCost: Double?
        /// A proven lower bound (pounds) on the expected cost at this budget; nil when none.
        public let bound: Double?
        /// `(expectedCost − bound) ÷ |expectedCost|`, a fraction; nil without both.
        public let gap: Double?
        /// Total spend over the horizon.
        public let spend: Pence
        /// Rule breaches (a unit breaking a rule in a year) under the plan at this budget.
        public let breachYears: Int
        /// Wall-clock seconds the solver spent on this point (0 when the JSON does not say).
        public let seconds: Double

        /// Creates a row from its parts.
        public init(annualBudget: Pence, shareOfNeed: Double? = nil, status: String, expectedCost: Double?, bound: Double? = nil,
                    gap: Double? = nil, spend: Pence, breachYears: Int, seconds: Double = 0) {
            self.annualBudget = annualBudget; self.shareOfNeed = shareOfNeed; self.status = status
            self.expectedCost = expectedCost; self.bound = bound; self.gap = gap; self.spend = spend
            self.breachYears = breachYears; self.seconds = seconds
        }
    }

    /// The rows of `capital plan frontier --format json` (Planning's `FrontierRenderer.json`): an array of objects
    /// with `annual_budget`, `spend`, `expected_cost` and `bound` as decimal strings of pounds (the last two may be
    /// null), `status`, `gap`, `seconds`, `breach_years` and `unit` (`GBP`).
    ///
    /// - Parameter need: the fleet's steady-state need a year; each row's ``FrontierRow/shareOfNeed`` is its budget
    ///   over this (nil without it).
    /// - Throws: ``UserError`` naming what is wrong when the text is not such an array or a row is not in pounds.
    public static func frontierRows(json: String, need: Pence? = nil) throws -> [FrontierRow] {
        struct Row: Decodable {
            var annual_budget: Pence, status: String, expected_cost: Pence?, bound: Pence?, gap: Double?
            var spend: Pence, seconds: Double?, breach_years: Int?, unit: String?
        }
        let rows: [Row]
        do {
            rows = try JSONDecoder().decode([Row].self, from: Data(json.utf8))
        } catch {
            throw UserError("frontier JSON: \(ReportDecoding.describe(error)); expected the rows of a budget frontier in JSON (FrontierRenderer.json)")
        }
        return try rows.enumerated().map { i, r in
            if let unit = r.unit, unit != "GBP" {
                throw UserError("frontier JSON: row \(i + 1) is in \(unit), not pounds (GBP); make the frontier again")
            }
            let share = need.flatMap { $0.value > 0 ? Double(r.annual_budget.value) / Double($0.value) : nil }
            return FrontierRow(annualBudget: r.annual_budget, shareOfNeed: share, status: r.status,
                               expectedCost: r.expected_cost.map(ReportDecoding.pounds), bound: r.bound.map(ReportDecoding.pounds),
                               gap: r.gap, spend: r.spend, breachYears: r.breach_years ?? 0, seconds: r.seconds ?? 0)
        }
    }
}

extension PlanDetails {
    /// The details from a saved plan's JSON document (`plan.document`). Parts the document lacks stay empty: a plan
    /// saved before costs were in pounds has no breakdown, age profile, capacity or breaches, and its per-modality
    /// figures carry no expected cost avoided.
    ///
    /// - Throws: ``UserError`` when the text is not a plan document.
    public static func decode(planDocument json: String) throws -> PlanDetails {
        let doc: ReportDecoding.Document
        do {
            doc = try JSONDecoder().decode(ReportDecoding.Document.self, from: Data(json.utf8))
        } catch {
            throw UserError("the saved plan's document is not a plan document: \(ReportDecoding.describe(error))")
        }
        return ReportDecoding.details(doc)
    }
}

/// The plan document's parts the report reads, every one optional (documents of both versions decode).
enum ReportDecoding {
    struct Document: Decodable {
        struct Certificate: Decodable { var unit: String? }
        struct Costs: Decodable {
            var lost_scans: Pence, repairs: Pence, upkeep: Pence, unmet_demand: Pence, rules_price: Pence
            var backlog_at_end: Pence?
        }
        struct Ages: Decodable { var le5: Int, from6to10: Int, over10: Int }
        struct Profile: Decodable { var with_plan: Ages, without: Ages }
        struct Capacity: Decodable {
            var demand: Double, capacity_with_plan: Double, capacity_without: Double
            var unmet_with_plan: Double, unmet_without: Double
        }
        struct Year: Decodable {
            var year: Int
            var spend_by_modality: [String: Pence]?
            var age_profile: Profile?
            var age_profile_by_modality: [String: Profile]?
            var capacity: [String: Capacity]?
        }
        struct Replacement: Decodable { var year: Int }
        struct Asset: Decodable {
            var modality: String, replacements: [Replacement]?, cost: Pence?
            var expected_cost_with_plan: Pence?, expected_cost_without: Pence?
        }
        struct Addition: Decodable {
            var modality: String, cost: Pence?, expected_cost_with_plan: Pence?, expected_cost_without: Pence?
        }
        struct Breach: Decodable { var trust: String, asset: String, modality: String, year: Int, rule: String, age: Int }
        struct ShareBreach: Decodable {
            var modality: String, year: Int, units: Int, over10: Int, target: Double, excess: Int
        }
        struct Money: Decodable { var year: Int, amount: Pence }

        var certificate: Certificate?
        var costs_with_plan: Costs?
        var costs_without: Costs?
        var years: [Year]?
        var assets: [Asset]?
        var additions: [Addition]?
        var breaches: [Breach]?
        var age_share_breaches: [ShareBreach]?
        var money_to_meet_rules: [Money]?
    }

    static func pounds(_ p: Pence) -> Double { Double(p.value) / 100 }
    static func modality(_ code: String) -> Modality { Modality(rawValue: code) ?? .other }

    static func details(_ doc: Document) -> PlanDetails {
        var d = PlanDetails()
        let inPounds = doc.certificate?.unit == "GBP"
        func costs(_ c: Document.Costs?) -> PlanDetails.Costs? {
            c.map { .init(lostScans: pounds($0.lost_scans), repairs: pounds($0.repairs), upkeep: pounds($0.upkeep),
                          unmetDemand: pounds($0.unmet_demand), rulesPrice: pounds($0.rules_price),
                          backlogAtEnd: pounds($0.backlog_at_end ?? .zero)) }
        }
        d.costsWithPlan = costs(doc.costs_with_plan)
        d.costsWithout = costs(doc.costs_without)
        func counts(_ a: Document.Ages) -> PlanDetails.AgeCounts { .init(le5: a.le5, from6to10: a.from6to10, over10: a.over10) }
        for y in doc.years ?? [] {
            if let s = y.spend_by_modality {
                d.spendByModality[y.year] = Dictionary(s.map { (modality($0.key), $0.value) }, uniquingKeysWith: +)
            }
            if let p = y.age_profile, p.with_plan.le5 + p.with_plan.from6to10 + p.with_plan.over10 > 0 {
                d.ageProfile.append(.init(modality: nil, year: y.year, withPlan: counts(p.with_plan), without: counts(p.without)))
            }
            for (code, p) in (y.age_profile_by_modality ?? [:]).sorted(by: { modality($0.key) < modality($1.key) }) {
                d.ageProfile.append(.init(modality: modality(code), year: y.year, withPlan: counts(p.with_plan), without: counts(p.without)))
            }
            for (code, c) in (y.capacity ?? [:]).sorted(by: { modality($0.key) < modality($1.key) }) {
                d.capacity.append(.init(modality: modality(code), year: y.year, demand: c.demand, capacityWithPlan: c.capacity_with_plan,
                                        capacityWithout: c.capacity_without, unmetWithPlan: c.unmet_with_plan,
                                        unmetWithout: c.unmet_without))
            }
        }
        var rows: [Modality: PlanDetails.ModalitySummary] = [:]
        func row(_ m: Modality) -> PlanDetails.ModalitySummary {
            rows[m] ?? .init(modality: m, units: 0, replaced: 0, replacements: 0, added: 0, spend: .zero, avoided: inPounds ? 0 : nil)
        }
        func avoided(_ with: Pence?, _ without: Pence?) -> Double { pounds(without ?? .zero) - pounds(with ?? .zero) }
        for a in doc.assets ?? [] {
            let m = modality(a.modality)
            var r = row(m)
            let n = a.replacements?.count ?? 0
            r.units += 1
            if n > 0 { r.replaced += 1 }
            r.replacements += n
            r.spend = r.spend + (a.cost ?? .zero)
            if inPounds { r.avoided = (r.avoided ?? 0) + avoided(a.expected_cost_with_plan, a.expected_cost_without) }
            rows[m] = r
        }
        for a in doc.additions ?? [] {
            let m = modality(a.modality)
            var r = row(m)
            r.added += 1
            r.spend = r.spend + (a.cost ?? .zero)
            if inPounds { r.avoided = (r.avoided ?? 0) + avoided(a.expected_cost_with_plan, a.expected_cost_without) }
            rows[m] = r
        }
        d.modalities = rows.keys.sorted().map { rows[$0]! }
        d.breaches = (doc.breaches ?? []).map {
            .init(trust: $0.trust, asset: $0.asset, modality: modality($0.modality), year: $0.year, rule: $0.rule, age: $0.age)
        }
        d.ageShareBreaches = (doc.age_share_breaches ?? []).map {
            .init(modality: modality($0.modality), year: $0.year, units: $0.units, over10: $0.over10, target: $0.target,
                  excess: $0.excess)
        }
        d.moneyToMeetRules = (doc.money_to_meet_rules ?? []).map { .init(year: $0.year, amount: $0.amount) }
        return d
    }

    /// A decoding error as one line: what was wrong and where.
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "the top level" : keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .dataCorrupted(let c)?: return "\(c.debugDescription) at \(path(c.codingPath))"
        case .keyNotFound(let k, let c)?: return "no `\(k.stringValue)` at \(path(c.codingPath))"
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?: return "\(c.debugDescription) at \(path(c.codingPath))"
        default: return String(describing: error)
        }
    }
}
