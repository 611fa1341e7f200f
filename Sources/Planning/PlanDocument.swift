import CapitalCore
import Foundation

/// The JSON plan document: policy summary, certificate, years, trusts, assets and unfunded assets with reasons.
///
/// Rule kept: money is a decimal string of pounds (``Pence`` encodes as `"1234.50"`); keys are sorted; a missing
/// objective, bound or gap is `null`.
public struct PlanDocument: Encodable, Sendable {
    struct PolicySummary: Encodable {
        var first_year: Int, years: Int, inflation: Double, price_basis: String
        var budgets: [Pence]
        var trust_limits: [String: [Pence]]
    }
    struct Certificate: Encodable {
        var status: String, objective: Double?, bound: Double?, gap: Double?, seconds: Double, reason: String?
        func encode(to encoder: any Encoder) throws {
            enum K: String, CodingKey { case status, objective, bound, gap, seconds, reason }
            var c = encoder.container(keyedBy: K.self)
            try c.encode(status, forKey: .status); try c.encode(objective, forKey: .objective)
            try c.encode(bound, forKey: .bound); try c.encode(gap, forKey: .gap)
            try c.encode(seconds, forKey: .seconds); try c.encodeIfPresent(reason, forKey: .reason)
        }
    }
    struct Year: Encodable {
        var year: Int, budget: Pence, spend: Pence, headroom: Pence, replacements: Int
        var risk_with_plan: Double, risk_without: Double
    }
    struct TrustYear: Encodable {
        var trust: String, year: Int, limit: Pence?, spend: Pence, replacements: Int
        var risk_with_plan: Double, risk_without: Double
    }
    struct Replacement: Encodable { var year: Int, cost: Pence }
    struct Asset: Encodable {
        var trust: String, site: String, asset: String, modality: String, replacements: [Replacement], cost: Pence
        var risk_with_plan: Double, risk_without: Double, due_year: Int?, excluded: Bool
    }
    struct Reason: Encodable {
        var kind: String, resource: String?, year: Int?, needed: String?, available: String?, text: String
    }
    struct Unfunded: Encodable {
        var trust: String, asset: String, modality: String, due_year: Int, planned_year: Int?
        var risk_carried: Double, risk_if_replaced_when_due: Double, binding: [Reason]
    }

    var version = 1
    var policy: PolicySummary
    var certificate: Certificate
    var baseline_risk: Double
    var total_spend: Pence
    var years: [Year]
    var trusts: [TrustYear]
    var assets: [Asset]
    var unfunded: [Unfunded]

    public init(plan: Plan, policy: PlanningPolicy) {
        self.policy = PolicySummary(first_year: policy.firstYear, years: policy.years, inflation: policy.inflation,
                                    price_basis: policy.priceBasis.rawValue, budgets: policy.budgets,
                                    trust_limits: policy.trustLimits)
        certificate = Certificate(status: plan.status.rawValue, objective: plan.objective, bound: plan.bound,
                                  gap: plan.gap, seconds: plan.seconds, reason: plan.reason)
        baseline_risk = plan.baselineRisk
        total_spend = plan.totalSpend
        years = plan.yearSummaries.map {
            Year(year: $0.year, budget: $0.budget, spend: $0.spend, headroom: $0.headroom, replacements: $0.replacements,
                 risk_with_plan: $0.residualRisk, risk_without: $0.baselineRisk)
        }
        trusts = plan.trustYears.map {
            TrustYear(trust: $0.trust, year: $0.year, limit: $0.limit, spend: $0.spend, replacements: $0.replacements,
                      risk_with_plan: $0.residualRisk, risk_without: $0.baselineRisk)
        }
        assets = plan.assets.map { a in
            Asset(trust: a.trust, site: a.site, asset: a.tag, modality: a.modality.rawValue,
                  replacements: a.replacements.map { Replacement(year: $0.year, cost: $0.cost) }, cost: a.totalCost,
                  risk_with_plan: a.riskWithPlan, risk_without: a.riskWithout, due_year: a.dueYear, excluded: a.excluded)
        }
        unfunded = plan.unfunded.map { u in
            Unfunded(trust: u.trust, asset: u.tag, modality: u.modality.rawValue, due_year: u.dueYear,
                     planned_year: u.plannedYear, risk_carried: u.riskCarried,
                     risk_if_replaced_when_due: u.riskIfReplacedWhenDue,
                     binding: u.reasons.map { r in
                         let money = r.kind == .budget || r.kind == .trustLimit
                         func amount(_ v: Int64?) -> String? { v.map { money ? Pence($0).plain : String($0) } }
                         return Reason(kind: r.kind.rawValue, resource: r.resource, year: r.year,
                                       needed: amount(r.needed), available: amount(r.available), text: r.text)
                     })
        }
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }
}
