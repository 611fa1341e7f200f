import Foundation
import Testing
import Optimizer

struct InfeasibilityTests {
    typealias Model = OptimizationModel

    @Test func itemWhoseEveryOptionExceedsALimit() {
        let model = Model(resources: [.init(id: "budget", limit: 100)], items: [
            .init(id: "MRI-7", options: [.init(label: "2027", penalty: 0, uses: ["budget": 150]),
                                         .init(label: "2028", penalty: 1, uses: ["budget": 160])]),
        ])
        let result = solve(model)
        #expect(result.status == .infeasible)
        #expect(result.reason?.contains("MRI-7") == true)
        #expect(result.reason?.contains("budget") == true)
    }

    @Test func resourceBelowTheLeastUse() {
        let model = Model(resources: [.init(id: "slots", limit: 1)], items: (0..<3).map { i in
            .init(id: "CT-\(i)", options: [.init(label: "a", penalty: 0, uses: ["slots": 1]),
                                           .init(label: "b", penalty: 1, uses: ["slots": 1])])
        })
        let result = solve(model)
        #expect(result.status == .infeasible)
        #expect(result.reason?.contains("slots") == true)
    }

    @Test func itemWithoutOptions() {
        let result = solve(Model(resources: [], items: [.init(id: "X-1", options: [])]))
        #expect(result.status == .infeasible)
        #expect(result.reason?.contains("X-1") == true)
    }

    @Test func combinationInfeasibilityIsProvenBySearch() {
        // Each item alone fits and each resource alone fits, but no combination fits both.
        let model = Model(resources: [.init(id: "r1", limit: 1), .init(id: "r2", limit: 1)], items: [
            .init(id: "A", options: [.init(label: "x", penalty: 0, uses: ["r1": 1]),
                                     .init(label: "y", penalty: 0, uses: ["r2": 1])]),
            .init(id: "B", options: [.init(label: "x", penalty: 0, uses: ["r1": 1]),
                                     .init(label: "y", penalty: 0, uses: ["r2": 1])]),
            .init(id: "C", options: [.init(label: "x", penalty: 0, uses: ["r1": 1]),
                                     .init(label: "y", penalty: 0, uses: ["r2": 1])]),
        ])
        let result = solve(model, options: SolverOptions(timeLimit: 5))
        #expect(result.status == .infeasible)
        #expect(result.reason != nil)
    }

    @Test func invalidModelIsNotSolved() {
        let model = Model(resources: [], items: [.init(id: "A", options: [.init(label: "x", penalty: 0, uses: ["ghost": 1])])])
        let result = solve(model)
        #expect(result.status == .unknown)
        #expect(result.reason?.contains("ghost") == true)
    }
}
