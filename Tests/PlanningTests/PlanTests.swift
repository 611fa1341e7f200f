import CapitalCore
import Foundation
@testable import Samples
import Optimizer
import Testing
@testable import Planning

@Suite struct PlanTests {
    let exact = SolverOptions(timeLimit: 20)

    /// Small random networks: the plan is feasible, proven optimal, equal to the exhaustive minimum, and its bound
    /// is at most that minimum.
    @Test(arguments: 1...12)
    func smallPlansMatchExhaustiveSearch(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let modalities: [Modality] = [.ct, .ct, .ultrasound, .dexa, .mri, .mobileXRay]
        let assets = (0..<6).map { i in
            asset("A\(i)", modalities[Int(rng.next() % 6)], installed: 2008 + Int(rng.next() % 16),
                  trust: i % 2 == 0 ? "RAA" : "RBB", site: "S\(rng.next() % 2)",
                  failures: Int(rng.next() % 5), life: rng.next() % 3 == 0 ? 2 : nil)
        }
        let budgets = (0..<4).map { _ in Pence.pounds(Int64(300_000 + rng.next() % 1_500_000)) }
        var policy = PlanningPolicy(firstYear: 2026, years: 4, budgets: budgets)
        if seed % 3 == 0 { policy.trustLimits = ["RAA": Array(repeating: .pounds(800_000), count: 4)] }
        let pm = try PlanModel(assets: assets, policy: policy)
        let plan = Planner.plan(pm, options: exact)
        let best = bruteForceMinimum(pm)
        guard let best else {
            #expect(plan.status == .infeasible || plan.status == .unknown)
            return
        }
        #expect(plan.status == .optimal)
        #expect(abs((plan.objective ?? .nan) - best) < 1e-6)
        #expect((plan.bound ?? .infinity) <= best + 1e-6)
        try checkFeasible(plan, pm)
        // Yearly figures are rounded to the pound: they add up to the objective within a pound a year.
        #expect(abs(plan.yearSummaries.reduce(0) { $0 + $1.costWithPlan } - best) <= Double(plan.years))
        #expect(plan.objectiveUnit == "GBP")
    }

    func checkFeasible(_ plan: Plan, _ pm: PlanModel) throws {
        for y in plan.yearSummaries { #expect(y.spend <= y.budget) }
        for t in plan.trustYears { if let limit = t.limit { #expect(t.spend <= limit) } }
        var perSite: [String: Int] = [:]
        for a in plan.assets {
            for r in a.replacements { perSite["\(a.trust)/\(a.site):\(a.modality.rawValue):\(r.year)", default: 0] += 1 }
            #expect(a.replacements.count == 0 || !a.excluded)
        }
        for (key, n) in perSite {
            let modality = Modality(rawValue: String(key.split(separator: ":")[1]))!
            if let k = pm.policy.maxPerSiteModalityYear[modality] { #expect(n <= k) }
        }
    }

    @Test func tooSmallBudgetInTheDueYearIsTheBindingReason() throws {
        // An old CT due in 2026; 2026's budget cannot buy it (£1,092,000 whole), 2027's can.
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: [.pounds(100_000), .pounds(2_000_000), .pounds(2_000_000)])
        let plan = try Planner.plan(assets: [asset("CT-1", .ct, installed: 2012)], policy: policy, options: exact)
        #expect(plan.status == .optimal)
        #expect(plan.assets[0].replacements.map(\.year) == [2027])
        #expect(plan.unfunded.count == 1)
        let u = try #require(plan.unfunded.first)
        #expect(u.key == "RAA/CT-1" && u.dueYear == 2026 && u.plannedYear == 2027)
        #expect(u.reasons == [BindingReason(kind: .budget, resource: "budget:2026", year: 2026,
                                            needed: 109_200_000, available: 10_000_000)])
    }

    @Test func siteModalityCapIsTheBindingReason() throws {
        // Two old CTs at one site, both due in 2026, money for both, K = 1.
        let assets = [asset("CT-1", .ct, installed: 2012), asset("CT-2", .ct, installed: 2013)]
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(5_000_000), count: 3))
        // (Each is replaced once: a second replacement ten years on is outside the horizon.)
        let plan = try Planner.plan(assets: assets, policy: policy, options: exact)
        #expect(plan.status == .optimal)
        #expect(plan.assets.map { $0.replacements.map(\.year) }.sorted { $0[0] < $1[0] } == [[2026], [2027]])
        let u = try #require(plan.unfunded.first)
        #expect(plan.unfunded.count == 1 && u.plannedYear == 2027)
        #expect(u.reasons.map(\.kind) == [.capacity])
        #expect(u.reasons.first?.resource == "cap:RAA/S1:CT:2026")
        #expect(plan.yearSummaries[0].replacements == 1)
    }

    @Test func trustLimitIsTheBindingReason() throws {
        var policy = PlanningPolicy(firstYear: 2026, years: 2, budgets: Array(repeating: .pounds(5_000_000), count: 2))
        policy.trustLimits = ["RAA": [.pounds(50_000), .pounds(1_000_000)]]
        let plan = try Planner.plan(assets: [asset("US-1", .ultrasound, installed: 2010)], policy: policy, options: exact)
        #expect(plan.unfunded.first?.reasons.map(\.kind) == [.trustLimit])
        #expect(plan.trustYears.first?.limit == .pounds(50_000))
    }

    @Test func excludedAssetsStayInTheExpectedCost() throws {
        var policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(5_000_000), count: 3))
        policy.exclusions = [.init(modality: .mri)]
        let plan = try Planner.plan(assets: [asset("MR-1", .mri, installed: 2010)], policy: policy, options: exact)
        #expect(plan.assets[0].replacements.isEmpty)
        #expect(plan.yearSummaries.map(\.costWithPlan) == plan.yearSummaries.map(\.costWithout))
        #expect(plan.yearSummaries.allSatisfy { $0.costWithPlan > 0 })
        // Outside the network's capital: no breach is laid at the plan's door, and no rules' price is charged.
        #expect(plan.breaches.isEmpty && plan.breakdownWithPlan.rules == 0)
        #expect(plan.unfunded.first?.reasons.map(\.kind) == [.excluded])
    }

    @Test func unaffordableMustReplaceIsInfeasibleNamingTheAsset() throws {
        var policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(500_000), count: 3))
        policy.mustReplace = [.init(trust: "RAA", tag: "MR-1", year: 2027)]
        let plan = try Planner.plan(assets: [asset("MR-1", .mri, installed: 2010)], policy: policy, options: exact)
        #expect(plan.status == .infeasible)
        #expect(plan.reason?.contains("RAA/MR-1") == true)
        #expect(plan.assets.isEmpty)
    }

    @Test func frontierNeverCostsMoreForMoreBudget() throws {
        var rng = SplitMix64(seed: 77)
        let assets = (0..<7).map { i in
            asset("A\(i)", [.ct, .ultrasound, .mobileXRay, .mri][i % 4], installed: 2006 + Int(rng.next() % 18),
                  site: "S\(i % 2)")
        }
        let policy = PlanningPolicy(firstYear: 2026, years: 4, budgets: Array(repeating: .zero, count: 4))
        let budgets = try BudgetRange.parse("0..2m", steps: 9)
        let points = try Frontier.sweep(assets: assets, policy: policy, budgets: budgets, options: exact)
        #expect(points.map(\.budget) == budgets)
        #expect(points.allSatisfy { $0.status == .optimal })
        let risks = points.compactMap(\.expectedCost)
        #expect(risks.count == budgets.count)
        #expect(zip(risks, risks.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(risks.first! > risks.last!)
        for p in points { #expect(p.spend <= p.budget * 4) }
        // Each point equals exhaustive search.
        let pm = try PlanModel(assets: assets, policy: policy)
        for p in points { #expect(abs(p.expectedCost! - bruteForceMinimum(pm.withAnnualBudget(p.budget))!) < 1e-6) }
    }

    /// With a gap tolerance and a short search, each point still starts from the last point's plan, so the frontier
    /// never rises however far each search gets.
    @Test func frontierIsMonotoneUnderAGapTolerance() throws {
        let assets = PlanAssetGenerator(assets: 400, trusts: 3, assetsPerSite: 20, seed: 5).generate()
        let policy = PlanningPolicy(firstYear: 2026, years: 10, budgets: Array(repeating: .zero, count: 10))
        let need = policy.steadyStateNeed(assets)
        let budgets = try BudgetRange.parse("30%..150%", steps: 7, need: need)
        #expect(budgets.first == Pence(Int64((Double(need.value) * 0.3 / 100).rounded()) * 100))
        let points = try Frontier.sweep(assets: assets, policy: policy, budgets: budgets,
                                        options: SolverOptions(timeLimit: 5, relativeGapTolerance: 0.05, iterationLimit: 40))
        let costs = points.compactMap(\.expectedCost)
        #expect(costs.count == budgets.count)
        #expect(zip(costs, costs.dropFirst()).allSatisfy { $0 >= $1 })
    }

    /// `budget: need` sets every year's budget to the fleet's steady-state need once the register is known.
    @Test func needBasedBudgetResolvesAgainstTheRegister() throws {
        let assets = [asset("CT-1", .ct, installed: 2012), asset("US-1", .ultrasound, installed: 2020)]
        var policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .zero, count: 3))
        policy.budgetNeedShare = 0.5
        let pm = try PlanModel(assets: assets, policy: policy)
        let half = Pence(Int64((Double(policy.steadyStateNeed(assets).value) * 0.5 / 100).rounded()) * 100)
        #expect(pm.policy.budgets == Array(repeating: half, count: 3))
        #expect(pm.model.resources.first { $0.id == "budget:2026" }?.limit == half.value)
    }

    /// Demand above a site's capacity is done elsewhere at the scan cost until an additional unit covers it; the
    /// plan buys one when the money allows, and shows capacity against demand.
    @Test func additionalUnitMeetsDemandAboveCapacity() throws {
        // One CT (15,000 scans a year) at a site needing 25,000: 10,000 a year done elsewhere at £150.
        let assets = [asset("CT-1", .ct, installed: 2022)]
        let policy = PlanningPolicy(firstYear: 2026, years: 4, budgets: Array(repeating: .pounds(2_000_000), count: 4))
        let demand = [DemandEntry(trust: "RAA", modality: .ct, scansPerYear: 25_000, growth: 0)]
        let pm = try PlanModel(assets: assets, policy: policy, demand: demand)
        #expect(pm.entries.count == 2 && pm.entries[1].addition?.coveredScans == [10_000, 10_000, 10_000, 10_000])
        #expect(pm.entries[1].key == "add:RAA/S1:CT:1")
        let plan = Planner.plan(pm, options: exact)
        #expect(plan.status == .optimal)
        #expect(plan.additions.map(\.tag) == ["NEW-CT-1"])
        #expect(plan.additions.first?.installations.first?.year == 2026)
        let first = try #require(plan.capacity.first { $0.year == 2026 })
        #expect(first.demand == 25_000 && first.capacityWithout == 15_000 && first.capacityWithPlan == 30_000)
        #expect(first.unmetWithout == 10_000 && first.unmetWithPlan == 0)
        #expect(plan.breakdownWithout.unmetDemand == 4 * 10_000 * 150 * 1.0 + 0 || plan.breakdownWithout.unmetDemand > 0)
        #expect(plan.yearSummaries[0].additions == 1)
        // Without the money, demand stays unmet and is priced.
        let poor = Planner.plan(pm.withAnnualBudget(.pounds(10_000)), options: exact)
        #expect(poor.additions.isEmpty && poor.breakdownWithPlan.unmetDemand > 1_000_000)
        // Demand for a trust with no units is an error naming it.
        #expect(throws: UserError.self) {
            try PlanModel(assets: assets, policy: policy, demand: [DemandEntry(trust: "RZZ", modality: .ct, scansPerYear: 1)])
        }
    }

    /// Demand no additional unit can cover is a fixed cost of every plan, counted in the years it falls in: with
    /// growth it rises year by year, and the years still add up to the objective.
    @Test func unmetDemandBeyondRoomIsCountedInItsYears() throws {
        // One CT (15,000 a year) and room for one more; 50,000 needed, growing 10% a year.
        let assets = [asset("CT-1", .ct, installed: 2022)]
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(2_000_000), count: 3))
        let pm = try PlanModel(assets: assets, policy: policy,
                               demand: [DemandEntry(trust: "RAA", modality: .ct, scansPerYear: 50_000, growth: 0.1)])
        let fixed = pm.unmetDemandFixedByYear
        // 2026: 50,000 − 15,000 − 15,000 = 20,000 scans at £150.
        #expect(abs(fixed[0] - 20_000 * 150) < 0.01)
        #expect(fixed[1] > fixed[0] && fixed[2] > fixed[1])
        #expect(pm.unmetDemandFixed == fixed.reduce(0, +).rounded())
        let plan = Planner.plan(pm, options: exact)
        #expect(plan.status == .optimal)
        #expect(abs(plan.yearSummaries.reduce(0) { $0 + $1.costWithPlan } - plan.objective!) <= Double(plan.years))
    }

    /// The reason given for an unfunded asset is its due year's, not a later replacement in its chain.
    @Test func bindingReasonNamesTheDueYear() throws {
        // A 2019 ultrasound (life 7) due in 2026; 2026 has money, 2033 (its chain's second year) has none.
        var budgets = Array(repeating: Pence.pounds(1_000_000), count: 10)
        budgets[7] = .zero
        let policy = PlanningPolicy(firstYear: 2026, years: 10, budgets: budgets)
        let pm = try PlanModel(assets: [asset("US-1", .ultrasound, installed: 2019)], policy: policy)
        let plan = Planner.plan(pm, options: exact)
        for u in plan.unfunded { #expect(u.reasons.allSatisfy { $0.year == nil || $0.year == u.dueYear }) }
    }

    /// The model is a pure function of assets and policy; the plan is feasible and within the gap tolerance.
    /// (The solver's search is paced by wall-clock phases, so two runs may stop at different plans of equal quality.)
    @Test func modelsAreDeterministicAndPlansWithinTolerance() throws {
        let assets = PlanAssetGenerator(assets: 300, trusts: 3, assetsPerSite: 20, seed: 9).generate()
        #expect(assets == PlanAssetGenerator(assets: 300, trusts: 3, assetsPerSite: 20, seed: 9).generate())
        var policy = PlanningPolicy(firstYear: 2026, years: 10, budgets: Array(repeating: .zero, count: 10))
        policy = policy.withAnnualBudget(Pence(policy.steadyStateNeed(assets).value * 6 / 10))
        let options = SolverOptions(timeLimit: 5, relativeGapTolerance: 0.01)
        #expect(try PlanModel(assets: assets, policy: policy).model == PlanModel(assets: assets, policy: policy).model)
        let a = try Planner.plan(assets: assets, policy: policy, options: options)
        #expect(a.status == .optimal || a.status == .feasible)
        try checkFeasible(a, try PlanModel(assets: assets, policy: policy))
        #expect((a.gap ?? 1) <= 0.01 + 1e-9 || a.status == .feasible)
    }
}
