import CapitalCore
import Optimizer

/// Turns a register and a policy into a certified replacement plan.
///
/// Rules kept: deterministic (same assets, policy and options give the same plan, up to how far the solver gets
/// within its time limit); every plan respects every budget, trust limit and site×modality cap; a must-replace
/// asset that cannot be replaced by its year within the limits makes the plan `infeasible` with a reason naming it.
public enum Planner {
    /// Plans `assets` under `policy`. Throws a ``UserError`` only for contradictory input (see ``PlanModel``).
    public static func plan(assets: [PlanAsset], policy: PlanningPolicy,
                            options: SolverOptions = SolverOptions()) throws -> Plan {
        let planModel = try PlanModel(assets: assets, policy: policy)
        return plan(planModel, options: options)
    }

    /// Solves a prepared model and assembles the plan.
    public static func plan(_ pm: PlanModel, options: SolverOptions) -> Plan {
        let baselineTotal = pm.entries.reduce(0.0) { $0 + $1.baselineRisk.reduce(0, +) }
        var plan = Plan(firstYear: pm.policy.firstYear, years: pm.policy.years, status: .unknown, objective: nil,
                        bound: nil, gap: nil, seconds: 0, reason: nil, baselineRisk: baselineTotal, assets: [],
                        yearSummaries: [], trustYears: [], unfunded: [])
        if let reason = mustReplaceInfeasibility(pm) {
            plan.status = .infeasible
            plan.reason = reason
            return plan
        }
        let result = solve(pm.model, options: options)
        plan.status = result.status
        plan.objective = result.objective
        plan.bound = result.bound
        plan.gap = result.gap
        plan.seconds = result.seconds
        plan.reason = result.reason
        guard !result.choices.isEmpty else { return plan }
        let chosen: [ReplacementPattern] = pm.entries.map { e in
            let label = result.choices[e.asset.key] ?? "none"
            return e.patterns.first { $0.label == label } ?? .none
        }
        assemble(&plan, pm, chosen)
        plan.unfunded = BindingAnalysis(pm, chosen: chosen).unfunded()
        return plan
    }

    /// A must-replace asset each of whose allowed years alone overruns a limit: infeasible, named.
    static func mustReplaceInfeasibility(_ pm: PlanModel) -> String? {
        entries: for (i, e) in pm.entries.enumerated() where e.mustReplaceBy != nil {
            var blocked: [String] = []
            for option in pm.model.items[i].options {
                guard let over = option.uses.keys.sorted().first(where: { id in
                    option.uses[id]! > pm.model.resources[pm.resourceIndex[id]!].limit
                }) else { continue entries }
                blocked.append("\(option.label) needs \(describe(over, option.uses[over]!)) of \(over) "
                               + "(limit \(describe(over, pm.model.resources[pm.resourceIndex[over]!].limit)))")
            }
            return "must_replace \(e.asset.key) by \(e.mustReplaceBy!): no allowed year fits the limits: "
                + blocked.joined(separator: "; ")
        }
        return nil
    }

    static func describe(_ resource: String, _ amount: Int64) -> String {
        resource.hasPrefix("cap:") ? "\(amount)" : Pence(amount).formatted
    }

    /// Fills assets, year and trust-year summaries from the chosen patterns.
    static func assemble(_ plan: inout Plan, _ pm: PlanModel, _ chosen: [ReplacementPattern]) {
        let horizon = pm.policy.horizon
        let n = horizon.count
        var spend = [Pence](repeating: .zero, count: n)
        var count = [Int](repeating: 0, count: n)
        var risk = [Double](repeating: 0, count: n)
        var baseline = [Double](repeating: 0, count: n)
        struct TrustAcc { var spend: [Pence]; var count: [Int]; var risk: [Double]; var baseline: [Double] }
        var trusts: [String: TrustAcc] = [:]
        plan.assets.reserveCapacity(pm.entries.count)
        for (e, p) in zip(pm.entries, chosen) {
            let row = e.risk(under: p)
            var acc = trusts[e.asset.trust] ?? TrustAcc(spend: .init(repeating: .zero, count: n),
                                                         count: .init(repeating: 0, count: n),
                                                         risk: .init(repeating: 0, count: n),
                                                         baseline: .init(repeating: 0, count: n))
            for o in 0..<n {
                risk[o] += row[o]; baseline[o] += e.baselineRisk[o]
                acc.risk[o] += row[o]; acc.baseline[o] += e.baselineRisk[o]
            }
            var replacements: [AssetPlan.Replacement] = []
            for year in p.years {
                let cost = e.cost(in: year), o = year - horizon.lowerBound
                spend[o] = spend[o] + cost; count[o] += 1
                acc.spend[o] = acc.spend[o] + cost; acc.count[o] += 1
                replacements.append(.init(year: year, cost: cost))
            }
            trusts[e.asset.trust] = acc
            plan.assets.append(AssetPlan(trust: e.asset.trust, site: e.asset.site, tag: e.asset.tag,
                                         modality: e.asset.modality, replacements: replacements,
                                         riskWithPlan: row.reduce(0, +), riskWithout: e.baselineRisk.reduce(0, +),
                                         excluded: e.excluded, dueYear: e.dueYear))
        }
        plan.yearSummaries = horizon.map { year in
            let o = year - horizon.lowerBound
            return YearSummary(year: year, budget: pm.policy.budget(year), spend: spend[o], replacements: count[o],
                               residualRisk: risk[o], baselineRisk: baseline[o])
        }
        for trust in trusts.keys.sorted() {
            let acc = trusts[trust]!
            for year in horizon {
                let o = year - horizon.lowerBound
                plan.trustYears.append(TrustYearSummary(trust: trust, year: year, limit: pm.policy.trustLimits[trust]?[o],
                                                        spend: acc.spend[o], replacements: acc.count[o],
                                                        residualRisk: acc.risk[o], baselineRisk: acc.baseline[o]))
            }
        }
    }
}
