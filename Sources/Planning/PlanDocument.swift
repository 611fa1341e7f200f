import CapitalCore
import Foundation

/// The JSON plan document (`capital plan --format json`, `plan.json`): policy summary, certificate, years, trusts,
/// assets, additional units, unfunded assets with reasons, breaches and the money to meet the rules.
///
/// Rules kept: money is a decimal string of pounds (``Pence`` encodes as `"1234.50"`); expected costs are whole pounds
/// in the same form; keys are sorted; a missing objective, bound or gap is `null`; `certificate.unit` is `GBP`.
public struct PlanDocument: Encodable, Sendable {
    struct PolicySummary: Encodable {
        var first_year: Int, years: Int, inflation: Double, price_basis: String
        var budgets: [Pence]
        var trust_limits: [String: [Pence]]
        var vat_recoverable: Bool, vat_rate: Double
        var age_profile_mode: String
    }
    struct Certificate: Encodable {
        var status: String, objective: Pence?, bound: Pence?, gap: Double?, seconds: Double, reason: String?
        var unit = "GBP"
        func encode(to encoder: any Encoder) throws {
            enum K: String, CodingKey { case status, objective, bound, gap, seconds, reason, unit }
            var c = encoder.container(keyedBy: K.self)
            try c.encode(status, forKey: .status); try c.encode(objective, forKey: .objective)
            try c.encode(bound, forKey: .bound); try c.encode(gap, forKey: .gap)
            try c.encode(seconds, forKey: .seconds); try c.encodeIfPresent(reason, forKey: .reason)
            try c.encode(unit, forKey: .unit)
        }
    }
    struct Costs: Encodable {
        var lost_scans: Pence, repairs: Pence, upkeep: Pence, unmet_demand: Pence, expected: Pence, rules_price: Pence
        var backlog_at_end: Pence, total: Pence
        init(_ c: YearCost) {
            let p = PlanRenderer.pounds
            lost_scans = p(c.service); repairs = p(c.repairs); upkeep = p(c.upkeep); unmet_demand = p(c.unmetDemand)
            expected = p(c.expected); rules_price = p(c.rules); backlog_at_end = p(c.backlog); total = p(c.total)
        }
    }
    struct Ages: Encodable {
        var le5: Int, from6to10: Int, over10: Int, units: Int
        init(_ c: AgeProfileYear.Counts) { le5 = c.new; from6to10 = c.middle; over10 = c.old; units = c.total }
    }
    struct Profile: Encodable { var with_plan: Ages, without: Ages }
    struct Capacity: Encodable {
        var demand: Double, capacity_with_plan: Double, capacity_without: Double
        var unmet_with_plan: Double, unmet_without: Double
    }
    struct Year: Encodable {
        var year: Int, budget: Pence, spend: Pence, headroom: Pence, replacements: Int, additions: Int
        var equipment: Pence, works: Pence, vat: Pence
        var spend_by_modality: [String: Pence], spend_by_trust: [String: Pence]
        var expected_cost_with_plan: Pence, expected_cost_without: Pence
        var age_profile: Profile
        var age_profile_by_modality: [String: Profile]
        var capacity: [String: Capacity]
    }
    struct TrustYear: Encodable {
        var trust: String, year: Int, limit: Pence?, spend: Pence, replacements: Int
        var expected_cost_with_plan: Pence, expected_cost_without: Pence
    }
    struct Replacement: Encodable { var year: Int, cost: Pence, equipment: Pence, works: Pence, vat: Pence }
    struct Asset: Encodable {
        var trust: String, site: String, asset: String, modality: String, installed: Int?, expected_life: Int?
        var replacements: [Replacement], cost: Pence
        var expected_cost_with_plan: Pence, expected_cost_without: Pence, due_year: Int?, excluded: Bool
    }
    struct Addition: Encodable {
        var trust: String, site: String, asset: String, modality: String, unit: Int, installations: [Replacement]
        var cost: Pence, scans_covered: Double, expected_cost_with_plan: Pence, expected_cost_without: Pence
    }
    struct Reason: Encodable {
        var kind: String, resource: String?, year: Int?, needed: String?, available: String?, text: String
    }
    struct Unfunded: Encodable {
        var trust: String, asset: String, modality: String, due_year: Int, planned_year: Int?
        var expected_cost: Pence, expected_cost_if_replaced_when_due: Pence, binding: [Reason]
    }
    struct Breach: Encodable { var trust: String, asset: String, modality: String, year: Int, rule: String, age: Int }
    struct ShareBreachRow: Encodable {
        var modality: String, year: Int, units: Int, over10: Int, share: Double, target: Double, excess: Int
    }
    struct Money: Encodable { var year: Int, amount: Pence }

    var version = 2
    var policy: PolicySummary
    var certificate: Certificate
    var costs_with_plan: Costs
    var costs_without: Costs
    var total_spend: Pence
    var years: [Year]
    var trusts: [TrustYear]
    var assets: [Asset]
    var additions: [Addition]
    var unfunded: [Unfunded]
    var breaches: [Breach]
    var age_share_breaches: [ShareBreachRow]
    var money_to_meet_rules: [Money]

    /// The document of `plan`, with a summary of the `policy` it was made under.
    public init(plan: Plan, policy: PlanningPolicy) {
        let p = PlanRenderer.pounds
        self.policy = PolicySummary(first_year: policy.firstYear, years: policy.years, inflation: policy.inflation,
                                    price_basis: policy.priceBasis.rawValue, budgets: policy.budgets,
                                    trust_limits: policy.trustLimits, vat_recoverable: policy.wholePrice.vatRecoverable,
                                    vat_rate: policy.wholePrice.vatRate, age_profile_mode: policy.ageProfile.mode.rawValue)
        certificate = Certificate(status: plan.status.rawValue, objective: plan.objective.map(p), bound: plan.bound.map(p),
                                  gap: plan.gap, seconds: plan.seconds, reason: plan.reason)
        costs_with_plan = Costs(plan.breakdownWithPlan)
        costs_without = Costs(plan.breakdownWithout)
        total_spend = plan.totalSpend
        var profiles: [Int: [String: Profile]] = [:], network: [Int: Profile] = [:]
        for a in plan.ageProfile {
            let profile = Profile(with_plan: Ages(a.withPlan), without: Ages(a.without))
            if let m = a.modality { profiles[a.year, default: [:]][m.rawValue] = profile } else { network[a.year] = profile }
        }
        var capacity: [Int: [String: Capacity]] = [:]
        for c in plan.capacity {
            capacity[c.year, default: [:]][c.modality.rawValue] = Capacity(
                demand: c.demand, capacity_with_plan: c.capacityWithPlan, capacity_without: c.capacityWithout,
                unmet_with_plan: c.unmetWithPlan, unmet_without: c.unmetWithout)
        }
        let empty = Ages(AgeProfileYear.Counts(new: 0, middle: 0, old: 0))
        years = plan.yearSummaries.map { y in
            Year(year: y.year, budget: y.budget, spend: y.spend, headroom: y.headroom, replacements: y.replacements,
                 additions: y.additions, equipment: y.price.equipment, works: y.price.works, vat: y.price.vat,
                 spend_by_modality: Dictionary(uniqueKeysWithValues: y.spendByModality.map { ($0.key.rawValue, $0.value) }),
                 spend_by_trust: y.spendByTrust,
                 expected_cost_with_plan: p(y.costWithPlan), expected_cost_without: p(y.costWithout),
                 age_profile: network[y.year] ?? Profile(with_plan: empty, without: empty),
                 age_profile_by_modality: profiles[y.year] ?? [:], capacity: capacity[y.year] ?? [:])
        }
        trusts = plan.trustYears.map {
            TrustYear(trust: $0.trust, year: $0.year, limit: $0.limit, spend: $0.spend, replacements: $0.replacements,
                      expected_cost_with_plan: p($0.costWithPlan), expected_cost_without: p($0.costWithout))
        }
        func rows(_ r: [Planning.Replacement]) -> [Replacement] {
            r.map { Replacement(year: $0.year, cost: $0.cost, equipment: $0.price.equipment, works: $0.price.works, vat: $0.price.vat) }
        }
        assets = plan.assets.map { a in
            Asset(trust: a.trust, site: a.site, asset: a.tag, modality: a.modality.rawValue, installed: a.installedYear,
                  expected_life: a.expectedLife, replacements: rows(a.replacements), cost: a.totalCost,
                  expected_cost_with_plan: p(a.costWithPlan), expected_cost_without: p(a.costWithout),
                  due_year: a.dueYear, excluded: a.excluded)
        }
        additions = plan.additions.map { a in
            Addition(trust: a.trust, site: a.site, asset: a.tag, modality: a.modality.rawValue, unit: a.unit,
                     installations: rows(a.installations), cost: a.totalCost, scans_covered: a.scansCovered,
                     expected_cost_with_plan: p(a.costWithPlan), expected_cost_without: p(a.costWithout))
        }
        unfunded = plan.unfunded.map { u in
            Unfunded(trust: u.trust, asset: u.tag, modality: u.modality.rawValue, due_year: u.dueYear,
                     planned_year: u.plannedYear, expected_cost: p(u.costCarried),
                     expected_cost_if_replaced_when_due: p(u.costIfReplacedWhenDue),
                     binding: u.reasons.map { r in
                         let money = r.kind == .budget || r.kind == .trustLimit
                         func amount(_ v: Int64?) -> String? { v.map { money ? Pence($0).plain : String($0) } }
                         return Reason(kind: r.kind.rawValue, resource: r.resource, year: r.year,
                                       needed: amount(r.needed), available: amount(r.available), text: r.text)
                     })
        }
        breaches = plan.breaches.map {
            Breach(trust: $0.trust, asset: $0.tag, modality: $0.modality.rawValue, year: $0.year, rule: $0.rule.rawValue, age: $0.age)
        }
        age_share_breaches = plan.shareBreaches.map {
            ShareBreachRow(modality: $0.modality.rawValue, year: $0.year, units: $0.units, over10: $0.old,
                           share: ($0.share * 10_000).rounded() / 10_000, target: policy.ageProfile.maxOldShare,
                           excess: $0.excess)
        }
        money_to_meet_rules = plan.moneyToMeetRules.map { Money(year: $0.year, amount: $0.amount) }
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
