import CapitalCore
import Optimizer

/// Turns a register, demand and a policy into a certified replacement plan.
///
/// Rules kept: deterministic (same assets, demand, policy and options give the same plan, up to how far the solver
/// gets within its time limit); every plan respects every budget, trust limit and site×modality cap; a must-replace
/// asset that cannot be replaced by its year within the limits makes the plan `infeasible` with a reason naming it;
/// a hard rule the budgets cannot meet never makes it infeasible: the breaches are listed with the money that would
/// remove them.
public enum Planner {
    /// Plans `assets` under `policy`. Throws a ``UserError`` only for contradictory input (see ``PlanModel``).
    public static func plan(assets: [PlanAsset], policy: PlanningPolicy, demand: [DemandEntry] = [],
                            options: SolverOptions = SolverOptions()) throws -> Plan {
        let planModel = try PlanModel(assets: assets, policy: policy, demand: demand)
        return plan(planModel, options: options)
    }

    /// Solves a prepared model and assembles the plan.
    public static func plan(_ pm: PlanModel, options: SolverOptions) -> Plan {
        let without = pm.entries.map { $0.installed.reduce(YearCost.zero, +) }.reduce(YearCost.zero, +)
            + YearCost(unmetDemand: pm.unmetDemandFixed)
        var plan = Plan(firstYear: pm.policy.firstYear, years: pm.policy.years, status: .unknown, objective: nil,
                        bound: nil, gap: nil, seconds: 0, reason: nil, costWithout: without.total.rounded(), assets: [],
                        yearSummaries: [], trustYears: [], unfunded: [], breakdownWithout: without)
        if let reason = mustReplaceInfeasibility(pm) {
            plan.status = .infeasible
            plan.reason = reason
            return plan
        }
        let result = solve(pm.model, options: options)
        plan.status = result.status
        plan.objective = result.objective.map { $0 + pm.unmetDemandFixed }
        plan.bound = result.bound.map { $0 + pm.unmetDemandFixed }
        if let o = plan.objective, let b = plan.bound { plan.gap = max(0, o - b) / max(abs(o), 1e-9) }
        plan.seconds = result.seconds
        plan.reason = result.reason
        guard !result.choices.isEmpty else { return plan }
        let chosen: [ReplacementPattern] = pm.entries.map { e in
            let label = result.choices[e.key] ?? "none"
            return e.patterns.first { $0.label == label } ?? .none
        }
        assemble(&plan, pm, chosen)
        plan.unfunded = BindingAnalysis(pm, chosen: chosen).unfunded()
        let rules = RuleCheck(pm, chosen: chosen)
        plan.breaches = rules.breaches
        plan.shareBreaches = rules.shareBreaches
        plan.moneyToMeetRules = rules.moneyToMeetRules
        plan.ageProfile = rules.ageProfile
        plan.capacity = capacity(pm, chosen)
        return plan
    }

    /// The labels of `plan`'s choices, by item id: a warm start for solving the same model with other limits.
    public static func choices(of plan: Plan) -> [String: String] {
        var out: [String: String] = [:]
        for a in plan.assets where !a.replacements.isEmpty {
            out[a.key] = ReplacementPattern(years: a.replacements.map(\.year)).label
        }
        for a in plan.additions {
            out["add:\(a.trust)/\(a.site):\(a.modality.rawValue):\(a.unit)"] =
                ReplacementPattern(years: a.installations.map(\.year)).label
        }
        return out
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

    /// Fills assets, additions, year and trust-year summaries from the chosen patterns.
    static func assemble(_ plan: inout Plan, _ pm: PlanModel, _ chosen: [ReplacementPattern]) {
        let horizon = pm.policy.horizon
        let n = horizon.count
        struct YearAcc {
            var spend = Pence.zero, count = 0, additions = 0, with = 0.0, without = 0.0
            var price = PriceBreakdown.zero
            var byModality: [Modality: Pence] = [:], byTrust: [String: Pence] = [:]
        }
        var years = [YearAcc](repeating: YearAcc(), count: n)
        struct TrustAcc { var spend: [Pence]; var count: [Int]; var with: [Double]; var without: [Double] }
        var trusts: [String: TrustAcc] = [:]
        var withPlan = YearCost.zero
        plan.assets.reserveCapacity(pm.entries.count)
        for (e, p) in zip(pm.entries, chosen) {
            let row = e.costs(under: p)
            var acc = trusts[e.asset.trust] ?? TrustAcc(spend: .init(repeating: .zero, count: n),
                                                         count: .init(repeating: 0, count: n),
                                                         with: .init(repeating: 0, count: n),
                                                         without: .init(repeating: 0, count: n))
            for o in 0..<n {
                years[o].with += row[o].total; years[o].without += e.installed[o].total
                acc.with[o] += row[o].total; acc.without[o] += e.installed[o].total
                withPlan = withPlan + row[o]
            }
            var replacements: [Replacement] = []
            for year in p.years {
                let price = e.price(in: year), o = year - horizon.lowerBound
                years[o].spend = years[o].spend + price.total
                years[o].price = years[o].price + price
                years[o].byModality[e.asset.modality, default: .zero] = years[o].byModality[e.asset.modality, default: .zero] + price.total
                years[o].byTrust[e.asset.trust, default: .zero] = years[o].byTrust[e.asset.trust, default: .zero] + price.total
                if e.addition != nil { years[o].additions += 1 } else { years[o].count += 1 }
                acc.spend[o] = acc.spend[o] + price.total
                if e.addition == nil { acc.count[o] += 1 }
                replacements.append(Replacement(year: year, price: price))
            }
            trusts[e.asset.trust] = acc
            let with = row.reduce(0) { $0 + $1.total }.rounded()
            let without = e.installed.reduce(0) { $0 + $1.total }.rounded()
            if let addition = e.addition {
                if !p.years.isEmpty {
                    let first = p.years[0] - horizon.lowerBound
                    plan.additions.append(AdditionPlan(
                        trust: e.asset.trust, site: e.asset.site, modality: e.asset.modality, unit: addition.unit,
                        installations: replacements, scansCovered: addition.coveredScans[first...].reduce(0, +).rounded(),
                        costWithPlan: with, costWithout: without))
                }
                continue
            }
            plan.assets.append(AssetPlan(trust: e.asset.trust, site: e.asset.site, tag: e.asset.tag,
                                         modality: e.asset.modality, replacements: replacements, costWithPlan: with,
                                         costWithout: without, excluded: e.excluded, dueYear: e.dueYear,
                                         installedYear: e.asset.installDate.year, expectedLife: e.lifeYears))
        }
        plan.breakdownWithPlan = withPlan + YearCost(unmetDemand: pm.unmetDemandFixed)
        plan.yearSummaries = horizon.map { year in
            let y = years[year - horizon.lowerBound]
            let fixed = pm.unmetDemandFixedByYear[year - horizon.lowerBound]
            return YearSummary(year: year, budget: pm.policy.budget(year), spend: y.spend, replacements: y.count,
                               costWithPlan: (y.with + fixed).rounded(), costWithout: (y.without + fixed).rounded(),
                               additions: y.additions, spendByModality: y.byModality, spendByTrust: y.byTrust, price: y.price)
        }
        for trust in trusts.keys.sorted() {
            let acc = trusts[trust]!
            for year in horizon {
                let o = year - horizon.lowerBound
                plan.trustYears.append(TrustYearSummary(trust: trust, year: year, limit: pm.policy.trustLimits[trust]?[o],
                                                        spend: acc.spend[o], replacements: acc.count[o],
                                                        costWithPlan: acc.with[o].rounded(), costWithout: acc.without[o].rounded()))
            }
        }
    }

    /// Capacity against demand per modality and year, with the plan's additional units and without.
    static func capacity(_ pm: PlanModel, _ chosen: [ReplacementPattern]) -> [CapacityYear] {
        guard !pm.demandGroups.isEmpty else { return [] }
        let horizon = pm.policy.horizon
        var added: [String: [Int]] = [:]   // TRUST|SITE|MOD -> units added by year offset
        for (e, p) in zip(pm.entries, chosen) where e.addition != nil {
            guard let first = p.years.first else { continue }
            let key = "\(e.asset.trust)|\(e.asset.site)|\(e.asset.modality.rawValue)"
            var row = added[key] ?? Array(repeating: 0, count: horizon.count)
            for o in (first - horizon.lowerBound)..<horizon.count { row[o] += 1 }
            added[key] = row
        }
        var out: [Modality: [CapacityYear]] = [:]
        for g in pm.demandGroups {
            let extra = added["\(g.trust)|\(g.site)|\(g.modality.rawValue)"]
            var rows = out[g.modality] ?? horizon.map {
                CapacityYear(modality: g.modality, year: $0, demand: 0, capacityWithPlan: 0, capacityWithout: 0,
                             unmetWithPlan: 0, unmetWithout: 0)
            }
            for o in rows.indices {
                let without = Double(g.units) * g.capacityPerUnit
                let with = Double(g.units + (extra?[o] ?? 0)) * g.capacityPerUnit
                rows[o].demand += g.demand[o]
                rows[o].capacityWithout += without
                rows[o].capacityWithPlan += with
                rows[o].unmetWithout += max(0, g.demand[o] - without)
                rows[o].unmetWithPlan += max(0, g.demand[o] - with)
            }
            out[g.modality] = rows
        }
        return out.keys.sorted().flatMap { m in
            out[m]!.map { r in
                var r = r
                r.demand = r.demand.rounded(); r.capacityWithPlan = r.capacityWithPlan.rounded()
                r.capacityWithout = r.capacityWithout.rounded(); r.unmetWithPlan = r.unmetWithPlan.rounded()
                r.unmetWithout = r.unmetWithout.rounded()
                return r
            }
        }
    }
}
