import CapitalCore
import Foundation
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
        #expect(abs(plan.yearSummaries.reduce(0) { $0 + $1.residualRisk } - best) < 1e-6)
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
        // An old CT due in 2026; 2026's budget cannot buy it, 2027's can.
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: [.pounds(100_000), .pounds(2_000_000), .pounds(2_000_000)])
        let plan = try Planner.plan(assets: [asset("CT-1", .ct, installed: 2012)], policy: policy, options: exact)
        #expect(plan.status == .optimal)
        #expect(plan.assets[0].replacements.map(\.year) == [2027])
        #expect(plan.unfunded.count == 1)
        let u = try #require(plan.unfunded.first)
        #expect(u.key == "RAA/CT-1" && u.dueYear == 2026 && u.plannedYear == 2027)
        #expect(u.reasons == [BindingReason(kind: .budget, resource: "budget:2026", year: 2026,
                                            needed: 70_000_000, available: 10_000_000)])
    }

    @Test func siteModalityCapIsTheBindingReason() throws {
        // Two old CTs at one site, both due in 2026, money for both, K = 1.
        let assets = [asset("CT-1", .ct, installed: 2012), asset("CT-2", .ct, installed: 2013)]
        let policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(5_000_000), count: 3))
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

    @Test func excludedAssetsStayInResidualRisk() throws {
        var policy = PlanningPolicy(firstYear: 2026, years: 3, budgets: Array(repeating: .pounds(5_000_000), count: 3))
        policy.exclusions = [.init(modality: .mri)]
        let plan = try Planner.plan(assets: [asset("MR-1", .mri, installed: 2010)], policy: policy, options: exact)
        #expect(plan.assets[0].replacements.isEmpty)
        #expect(plan.yearSummaries.map(\.residualRisk) == plan.yearSummaries.map(\.baselineRisk))
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

    @Test func frontierNeverLeavesMoreRiskForMoreBudget() throws {
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
        let risks = points.compactMap(\.residualRisk)
        #expect(risks.count == budgets.count)
        #expect(zip(risks, risks.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(risks.first! > risks.last!)
        for p in points { #expect(p.spend <= p.budget * 4) }
        // Each point equals exhaustive search.
        let pm = try PlanModel(assets: assets, policy: policy)
        for p in points { #expect(abs(p.residualRisk! - bruteForceMinimum(pm.withAnnualBudget(p.budget))!) < 1e-6) }
    }

    /// The model is a pure function of assets and policy; the plan is feasible and within the gap tolerance.
    /// (The solver's search is paced by wall-clock phases, so two runs may stop at different plans of equal quality.)
    @Test func modelsAreDeterministicAndPlansWithinTolerance() throws {
        let assets = PlanAssetGenerator(assets: 300, trusts: 3, assetsPerSite: 20, seed: 9).generate()
        #expect(assets == PlanAssetGenerator(assets: 300, trusts: 3, assetsPerSite: 20, seed: 9).generate())
        let budget = PlanAssetGenerator.suggestedAnnualBudget(for: assets)
        let policy = PlanningPolicy(firstYear: 2026, years: 10, budgets: Array(repeating: budget, count: 10))
        let options = SolverOptions(timeLimit: 5, relativeGapTolerance: 0.01)
        #expect(try PlanModel(assets: assets, policy: policy).model == PlanModel(assets: assets, policy: policy).model)
        let a = try Planner.plan(assets: assets, policy: policy, options: options)
        #expect(a.status == .optimal || a.status == .feasible)
        try checkFeasible(a, try PlanModel(assets: assets, policy: policy))
        #expect((a.gap ?? 1) <= 0.01 + 1e-9 || a.status == .feasible)
    }
}
