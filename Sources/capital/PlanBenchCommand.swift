import ArgumentParser
import CapitalCore
import Foundation
import Optimizer
import Planning
import Samples

/// `capital plan bench`: the planner's speed figure on a generated network (issue 5), and the
/// same model as JSON for `capital solve` and HiGHS (bench/planner_vs_highs.py). Not a test.
struct PlanBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the planner on a generated network (benchmark; no database).",
        shouldDisplay: false)
    @Option(help: "Assets in the generated network.") var assets: Int = 100_000
    @Option(help: "Generator seed.") var seed: UInt64 = 2026
    @Option(help: "The annual budget as a share of the fleet's steady-state need.") var needShare: Double = 0.6
    @Option(help: "Planning horizon in years.") var years: Int = 15
    @Option(help: "Seconds the optimiser may search.") var timeLimit: Double = 60
    @Option(help: "Stop once the proven gap is at most this.") var gap: Double = 0.01
    @Option(help: "Write the optimisation model as JSON here (for capital solve and HiGHS).") var modelOut: String?
    @Option(help: "Only print the model JSON for this many assets to stdout, and stop (bench/planner_vs_highs.py).")
    var generatePlanner: Int?

    func run() throws {
        let count = generatePlanner ?? assets
        let began = Date()
        let generated = PlanAssetGenerator(assets: count, seed: seed).generate()
        var policy = PlanningPolicy(firstYear: 2026, years: years, budgets: Array(repeating: .zero, count: years))
        policy.budgetNeedShare = needShare
        policy = policy.resolvingBudget(for: generated)
        let budget = policy.budgets[0]
        let model = try PlanModel(assets: generated, policy: policy)
        let built = Date().timeIntervalSince(began)
        if generatePlanner != nil || modelOut != nil {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(model.model)
            if generatePlanner != nil {
                FileHandle.standardOutput.write(data)
                return
            }
            try data.write(to: URL(fileURLWithPath: modelOut!))
        }
        let plan = Planner.plan(model, options: SolverOptions(timeLimit: timeLimit, relativeGapTolerance: gap))
        let options = model.model.items.reduce(0) { $0 + $1.options.count }
        printOut(String(format: "{\"assets\": %d, \"options\": %d, \"resources\": %d, \"annual_budget\": \"%@\", \"model_seconds\": %.2f, "
                        + "\"solve_seconds\": %.2f, \"total_seconds\": %.2f, \"status\": \"%@\", \"gap\": %.6f, \"objective\": %.1f, \"bound\": %.1f}\n",
                        count, options, model.model.resources.count, budget.plain, built, plan.seconds, Date().timeIntervalSince(began),
                        plan.status.rawValue, plan.gap ?? -1, plan.objective ?? -1, plan.bound ?? -1))
    }
}
