import ArgumentParser
import CapitalCore
import Foundation
import Optimizer

struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve a choose-one-option-per-item model within resource limits, with a certificate.",
        discussion: """
            Input: {"resources": [{"id", "limit"}], "items": [{"id", "options": [{"label", "penalty", "uses": {resource: amount}}]}]}. \
            Output: status (optimal only when proven, infeasible only when proven), objective, bound (a valid lower \
            bound on the optimum), gap, seconds and the choice per item. Every returned plan respects every limit.
            """)
    @Argument(help: "The model (JSON).") var model: String
    @Option(help: "Seconds to search before returning the best plan found.") var timeLimit: Double = 10
    @Option(help: "Stop once the proven relative gap is at most this (e.g. 0.01 for 1%).") var gap: Double = 0
    @Option(help: "Also write the model as MPS, for any MILP solver to check.") var exportMps: String?
    @Option(help: "Output format: json or table.") var format: Tabular.Format = .json

    func run() throws {
        guard let data = FileManager.default.contents(atPath: model) else { throw UserError("cannot read \(model)") }
        let parsed: OptimizationModel
        do { parsed = try OptimizationModel.decode(from: data) } catch { throw UserError("\(model): \(error)") }
        if let exportMps {
            do { try mps(parsed).write(toFile: exportMps, atomically: true, encoding: .utf8) } catch {
                throw UserError("cannot write \(exportMps): \(error.localizedDescription)")
            }
        }
        let result = solve(parsed, options: SolverOptions(timeLimit: timeLimit, relativeGapTolerance: gap))
        switch format {
        case .json, .csv: printOut(result.jsonString() + "\n")
        case .table:
            printOut(result.summaryText())
        }
        if result.status == .infeasible { throw ExitCode(1) }
    }
}
