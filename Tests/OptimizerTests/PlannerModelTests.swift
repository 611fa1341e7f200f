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
        // A fixed amount of search (iterations, not seconds), so a loaded machine gives the same plan, only later; the
        // time limit only guards against a runaway.
        let options = SolverOptions(timeLimit: 600, relativeGapTolerance: 0.01, iterationLimit: 1500)
        let result = solve(model, options: options)
        #expect(result.status == .feasible || result.status == .optimal)
        let gap = try #require(result.gap)
        #expect(gap <= 0.01)
        #expect(result.choices.count == 3000)
        // Same input, same answer.
        let again = solve(model, options: options)
        let same = again.choices == result.choices
        #expect(same, "choices differ between two runs")
    }
}
