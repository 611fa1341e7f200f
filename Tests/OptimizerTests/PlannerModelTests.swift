import Foundation
import Testing
import Optimizer

struct PlannerModelTests {
    @Test func generatorIsDeterministic() {
        let a = PlannerModelGenerator(assets: 200, seed: 7).model()
        let b = PlannerModelGenerator(assets: 200, seed: 7).model()
        #expect(a == b)
        #expect(a.items.count == 200)
        #expect(a.items[0].options.count == 16)
    }

    @Test func plannerShapedModelReachesOnePercentGap() throws {
        let model = PlannerModelGenerator(assets: 3000, sites: 5, modalities: 4, seed: 11).model()
        let result = solve(model, options: SolverOptions(timeLimit: 60, relativeGapTolerance: 0.01))
        #expect(result.status == .feasible || result.status == .optimal)
        let gap = try #require(result.gap)
        #expect(gap <= 0.01)
        #expect(result.choices.count == 3000)
        // Same input, same answer.
        let again = solve(model, options: SolverOptions(timeLimit: 60, relativeGapTolerance: 0.01))
        let same = again.choices == result.choices
        #expect(same, "choices differ between two runs")
    }
}
