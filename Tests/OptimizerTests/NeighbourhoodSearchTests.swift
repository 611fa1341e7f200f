import Foundation
import Testing
@testable import Optimizer

/// Large-neighbourhood search (exact re-optimisation of small groups) and the engine's determinism.
struct NeighbourhoodSearchTests {
    /// A generalized-assignment model of type D (costs anti-correlated with uses, capacities 80% of the even share):
    /// `agents` resources, `jobs` items, one option per agent.
    static func gapModel(seed: UInt64, agents: Int, jobs: Int, tightness: Double = 0.8) -> OptimizationModel {
        var rng = SplitMix64(seed: seed)
        func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var use = [[Int64]](repeating: [], count: agents)
        var cost = [[Double]](repeating: [], count: agents)
        for a in 0..<agents {
            for _ in 0..<jobs {
                let u = 1 + int(100)
                use[a].append(Int64(u))
                cost[a].append(Double(111 - u + int(21) - 10))
            }
        }
        let resources = (0..<agents).map { a in
            OptimizationModel.Resource(id: "agent-\(a)", limit: Int64(tightness * Double(use[a].reduce(0, +)) / Double(agents)))
        }
        let items = (0..<jobs).map { j in
            OptimizationModel.Item(id: "job-\(j)", options: (0..<agents).map { a in
                OptimizationModel.Option(label: "agent-\(a)", penalty: cost[a][j], uses: ["agent-\(a)": use[a][j]])
            })
        }
        return OptimizationModel(resources: resources, items: items)
    }

    /// A feasible start: the Lagrangian heuristic's repair at zero multipliers, then shift descent.
    static func feasibleStart(_ m: CompactModel) -> Assignment? {
        let relaxation = LagrangianRelaxation(model: m)
        var dual = SubgradientOptimizer(relaxation)
        for _ in 0..<50 { dual.step(upperBound: nil) }
        var a = Assignment(m, choice: dual.choice)
        let (cost, _) = relaxation.reducedCosts(dual.bestLambda)
        guard Repair.run(m, &a, cost: cost) else { return nil }
        LocalSearch.shiftDescent(m, &a)
        return a
    }

    /// Every feasible plan of a small model, by enumeration (options counted like an odometer), in that order.
    static func feasiblePlans(_ m: CompactModel) -> [Assignment] {
        var plans: [Assignment] = []
        var index = [Int](repeating: 0, count: m.itemCount)
        repeat {
            let a = Assignment(m, choice: (0..<m.itemCount).map { Int32(m.optionStart[$0] + index[$0]) })
            if a.isFeasible(m) { plans.append(a) }
            var k = 0
            while k < index.count {
                index[k] += 1
                if m.optionStart[k] + index[k] < m.optionStart[k + 1] { break }
                index[k] = 0
                k += 1
            }
            if k == index.count { break }
        } while true
        return plans
    }

    @Test(arguments: 1...12)
    func neverWorseAlwaysFeasible(seed: UInt64) throws {
        // Capacities at 90% of the even share: tight, yet the repair always finds a start.
        let m = CompactModel(Self.gapModel(seed: seed, agents: 5, jobs: 30, tightness: 0.9))
        var a = try #require(Self.feasibleStart(m))
        var lns = NeighbourhoodSearch(m, seed: seed)
        var previous = a.objective(m)
        for _ in 0..<10 {
            lns.run(&a, allowed: nil, lambda: [Double](repeating: 0, count: m.resourceCount),
                    deadline: Deadline(seconds: 30), maxRounds: 3)
            // Loads are exact and within every limit; the objective never rises.
            let exact = Assignment(m, choice: a.choice)
            #expect(exact.load == a.load)
            #expect(exact.isFeasible(m))
            #expect(a.objective(m) <= previous)
            previous = a.objective(m)
        }
        #expect(lns.rounds == 30)
    }

    /// On small models whose optimum brute force knows, one round reaches it from the worst feasible plan (a model this
    /// small is one neighbourhood: this checks the sub-model, the room left and the mapping back).
    @Test(arguments: 0..<25)
    func reachesTheBruteForceOptimum(seed: Int) throws {
        let model = BruteForceTests.randomModel(seed: UInt64(1000 + seed), items: 7, maxOptions: 3, resources: 3,
                                                integral: true)
        guard let optimum = BruteForceTests.bruteForce(model) else { return }
        let m = CompactModel(model)
        // The worst feasible plan, by enumeration, as the start.
        var a = try #require(Self.feasiblePlans(m).max { $0.objective(m) < $1.objective(m) })
        var lns = NeighbourhoodSearch(m, seed: UInt64(seed))
        lns.run(&a, allowed: nil, lambda: [Double](repeating: 0, count: m.resourceCount),
                deadline: Deadline(seconds: 30), maxRounds: 1, focus: 3, maxItems: 40, nodeLimit: 100_000)
        #expect(a.isFeasible(m))
        #expect(abs(a.objective(m) - optimum) < 1e-9, "search ended at \(a.objective(m)), optimum \(optimum)")
    }

    /// Reduced-cost fixing removes only options that no strictly better plan uses: against the worst feasible plan as
    /// the incumbent, every plan cheaper than it (enumerated) keeps all its options.
    @Test(arguments: 0..<40)
    func fixingKeepsEveryBetterPlan(seed: Int) throws {
        let model = BruteForceTests.randomModel(seed: UInt64(2000 + seed), items: 6, maxOptions: 4, resources: 2,
                                                integral: seed % 2 == 0)
        let m = CompactModel(model)
        let plans = Self.feasiblePlans(m)
        guard let best = plans.map({ $0.objective(m) }).min() else { return }
        var engine = SolverEngine(m, options: SolverOptions(timeLimit: 10), deadline: Deadline(seconds: 10))
        engine.dualPhase(until: 10, maxIterations: 300)
        // Incumbents from the best to the worst plan: the fixing must keep every strictly cheaper plan whole.
        for incumbent in plans.sorted(by: { $0.objective(m) < $1.objective(m) }).enumerated()
            .filter({ $0.offset % 3 == 0 }).map(\.element) {
            engine.incumbent = incumbent
            engine.incumbentObjective = incumbent.objective(m)
            let allowed = engine.reducedCostMask()
            for plan in plans where plan.objective(m) < incumbent.objective(m) - 1e-9 {
                #expect(plan.choice.allSatisfy { allowed[Int($0)] }, "a plan of \(plan.objective(m)) lost an option")
            }
            // The mask is not vacuous once the incumbent is optimal: it never removes the optimum's own bound.
            if incumbent.objective(m) == best { #expect(engine.bound <= best + 1e-9) }
        }
    }

    /// The same seed and iteration limit give the same plan on the large-model path (more than 20,000 options), with
    /// enough iterations for the neighbourhoods to run (they start at the 100th).
    @Test func sameSeedSamePlan() {
        let model = PlannerModelGenerator(assets: 2000, years: 10, sites: 4, modalities: 3, seed: 7).model()
        let options = SolverOptions(timeLimit: 600, seed: 99, iterationLimit: 130)
        let first = solve(model, options: options)
        let second = solve(model, options: options)
        #expect(first.objective != nil)
        #expect(first.iterations == second.iterations)
        #expect(first.choices == second.choices)
        #expect(first.objective == second.objective)
    }
}
