import Foundation
import Testing
@testable import Optimizer

/// Small random models checked against exhaustive enumeration.
struct BruteForceTests {
    /// A random model: `items` items with 1...`maxOptions` options over `resources` resources.
    static func randomModel(seed: UInt64, items: Int = 6, maxOptions: Int = 3, resources: Int = 2,
                            integral: Bool) -> OptimizationModel {
        var rng = SplitMix64(seed: seed)
        func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        let resourceList = (0..<resources).map {
            OptimizationModel.Resource(id: "r\($0)", limit: Int64(4 + int(22)))
        }
        let itemList = (0..<items).map { i in
            OptimizationModel.Item(id: "i\(i)", options: (0..<(1 + int(maxOptions))).map { k in
                var uses: [String: Int64] = [:]
                for r in 0..<resources where int(3) > 0 { uses["r\(r)"] = Int64(int(11)) }
                let penalty = integral ? Double(int(21)) : Double(int(2100)) / 100 + 0.001
                return OptimizationModel.Option(label: "o\(k)", penalty: penalty, uses: uses)
            })
        }
        return OptimizationModel(resources: resourceList, items: itemList)
    }

    /// The optimum by enumeration, or nil when no choice fits.
    static func bruteForce(_ model: OptimizationModel) -> Double? {
        var best: Double? = nil
        var index = [Int](repeating: 0, count: model.items.count)
        while true {
            var used: [String: Int64] = [:]
            var total = 0.0
            for (i, item) in model.items.enumerated() {
                let option = item.options[index[i]]
                total += option.penalty
                for (r, amount) in option.uses { used[r, default: 0] += amount }
            }
            if model.resources.allSatisfy({ used[$0.id, default: 0] <= $0.limit }) {
                best = min(best ?? .infinity, total)
            }
            var k = 0
            while k < index.count {
                index[k] += 1
                if index[k] < model.items[k].options.count { break }
                index[k] = 0
                k += 1
            }
            if k == index.count { return best }
        }
    }

    static func check(_ model: OptimizationModel) {
        let expected = bruteForce(model)
        let result = solve(model, options: SolverOptions(timeLimit: 5))
        if let expected {
            #expect(result.status == .optimal, "expected a proven optimum \(expected), got \(result.status)")
            let objective = try! #require(result.objective)
            // The returned plan is feasible and its objective is what the choices cost.
            var used: [String: Int64] = [:]
            var total = 0.0
            for item in model.items {
                let option = try! #require(item.options.first { $0.label == result.choices[item.id] })
                total += option.penalty
                for (r, amount) in option.uses { used[r, default: 0] += amount }
            }
            for resource in model.resources { #expect(used[resource.id, default: 0] <= resource.limit) }
            #expect(abs(total - objective) <= 1e-9)
            #expect(abs(objective - expected) <= 1e-9 * max(1, abs(expected)))
            if let bound = result.bound { #expect(bound <= expected + 1e-9) }
        } else {
            #expect(result.status == .infeasible, "brute force finds no plan, solver says \(result.status)")
            #expect(result.reason != nil)
            #expect(result.choices.isEmpty)
        }
    }

    @Test(arguments: 0..<150)
    func integralPenalties(seed: Int) {
        Self.check(Self.randomModel(seed: UInt64(seed), integral: true))
    }

    @Test(arguments: 0..<100)
    func fractionalPenalties(seed: Int) {
        Self.check(Self.randomModel(seed: UInt64(1000 + seed), integral: false))
    }

    @Test(arguments: 0..<40)
    func moreResources(seed: Int) {
        Self.check(Self.randomModel(seed: UInt64(5000 + seed), items: 7, maxOptions: 4, resources: 4,
                                    integral: seed % 2 == 0))
    }
}
