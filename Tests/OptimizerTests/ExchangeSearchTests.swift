import Foundation
import Testing
@testable import Optimizer

/// One-for-many exchanges on a budget: the move pair descent cannot make.
struct ExchangeSearchTests {
    /// A year's budget of 100 holds either one "CT" (cost 100, saves 50 if bought) or ten "ultrasounds" (cost 10,
    /// save 1 each). Starting from the ten ultrasounds, only a one-for-ten exchange reaches the better plan.
    @Test func oneBigItemDisplacesTenSmallOnes() {
        var items = [OptimizationModel.Item(id: "CT", options: [.init(label: "none", penalty: 60),
                                                                  .init(label: "buy", penalty: 10, uses: ["budget": 100])])]
        for k in 0..<10 {
            items.append(.init(id: "US\(k)", options: [.init(label: "none", penalty: 2),
                                                        .init(label: "buy", penalty: 1, uses: ["budget": 10])]))
        }
        let model = OptimizationModel(resources: [.init(id: "budget", limit: 100)], items: items)
        let m = CompactModel(model)
        var a = Assignment(m, choice: (0..<m.itemCount).map { i in Int32(m.optionStart[i] + (i == 0 ? 0 : 1)) })
        #expect(a.isFeasible(m) && a.objective(m) == 70)
        LocalSearch.shiftDescent(m, &a)
        #expect(a.objective(m) == 70)
        #expect(ExchangeSearch.run(m, &a, resources: [0], deadline: Deadline(seconds: 5)))
        #expect(a.isFeasible(m))
        #expect(a.objective(m) == 30)
        #expect(Int(a.choice[0]) == m.optionStart[0] + 1)
    }

    /// On random multi-year models an exchange run keeps the plan feasible and never makes it worse.
    @Test(arguments: 1...25)
    func neverWorseNeverInfeasible(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        let years = 4
        let resources = (0..<years).map { OptimizationModel.Resource(id: "b\($0)", limit: Int64(200 + int(300))) }
        let items = (0..<40).map { i -> OptimizationModel.Item in
            let cost = Int64(5 + int(120))
            var options = [OptimizationModel.Option(label: "none", penalty: Double(50 + int(400)))]
            for y in 0..<years {
                var uses = ["b\(y)": cost]
                if int(3) == 0, y + 2 < years { uses["b\(y + 2)"] = cost / 2 }
                options.append(.init(label: "y\(y)", penalty: Double(int(200)), uses: uses))
            }
            return .init(id: "i\(i)", options: options)
        }
        let m = CompactModel(OptimizationModel(resources: resources, items: items))
        var a = Assignment(m, choice: (0..<m.itemCount).map { Int32(m.optionStart[$0]) })
        LocalSearch.shiftDescent(m, &a)
        let before = a.objective(m)
        ExchangeSearch.run(m, &a, resources: Array(0..<years), deadline: Deadline(seconds: 5))
        #expect(a.isFeasible(m))
        #expect(a.objective(m) <= before)
        // Loads are exactly the sum of the chosen options' uses.
        #expect(Assignment(m, choice: a.choice).load == a.load)
    }
}
