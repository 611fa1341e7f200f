import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Optimizer
import Planning

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Optimise the rolling replacement schedule of the network register under the policy's budgets.",
        subcommands: [Make.self, FrontierCommand.self],
        defaultSubcommand: Make.self)

    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make",
            abstract: "Plan replacements: which asset in which year, the spend against budget, the risk left unfunded.",
            discussion: "Formulas and the policy file: docs/planning.md. The plan prints its certificate: bound and gap.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Option(help: "The planning policy (YAML).") var policy: String
        @Option(help: "Seconds the optimiser may search.") var timeLimit: Double = 60
        @Option(help: "Stop once the proven gap is at most this (0.01 = 1%).") var gap: Double = 0.005
        @Option(help: "Write plan.json and plan-assets.csv into this folder.") var out: String?
        @Option(help: "Output format: table or json.") var format: Tabular.Format = .table

        func run() throws {
            let parsedPolicy = try PlanningPolicy.parse(yaml: try readText(policy), fileName: policy)
            let c = try db.open()
            let network = try NetworkStore(c).network(named: net.network)
            let (assets, undated) = try PlanAssetQuery(c).assets(network: network)
            if !undated.isEmpty {
                printErr("note: \(undated.count) asset(s) have no install date and are left out of the plan (e.g. \(undated.prefix(3).joined(separator: ", ")))")
            }
            let plan = try Planner.plan(assets: assets, policy: parsedPolicy,
                                        options: SolverOptions(timeLimit: timeLimit, relativeGapTolerance: gap))
            let document = PlanDocument(plan: plan, policy: parsedPolicy)
            if let out {
                let dir = URL(fileURLWithPath: out)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try document.json().write(to: dir.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
                try PlanRenderer.assetsCSV(plan).write(to: dir.appendingPathComponent("plan-assets.csv"), atomically: true, encoding: .utf8)
            }
            switch format {
            case .json: printOut(document.json())
            case .table, .csv:
                printOut(PlanRenderer.summaryTable(plan) + "\n" + PlanRenderer.unfundedTable(plan))
            }
        }
    }

    struct FrontierCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "frontier",
            abstract: "Residual risk against annual budget: what another million buys.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Option(help: "The planning policy (YAML); its budget is replaced by each point's.") var policy: String
        @Option(help: "Annual budgets to try, e.g. 8m..20m.") var budgets: String
        @Option(help: "How many budgets across the range.") var steps: Int = 7
        @Option(help: "Seconds the optimiser may search per point.") var timeLimit: Double = 20
        @Option(help: "Stop each point once its proven gap is at most this.") var gap: Double = 0.01
        @Option(help: "Output format: table, csv or json.") var format: Tabular.Format = .table

        func run() throws {
            let parsedPolicy = try PlanningPolicy.parse(yaml: try readText(policy), fileName: policy)
            let points = try BudgetRange.parse(budgets, steps: steps)
            let c = try db.open()
            let (assets, _) = try PlanAssetQuery(c).assets(network: try NetworkStore(c).network(named: net.network))
            let frontier = try Frontier.sweep(assets: assets, policy: parsedPolicy, budgets: points,
                                              options: SolverOptions(timeLimit: timeLimit, relativeGapTolerance: gap))
            switch format {
            case .table: printOut(FrontierRenderer.table(frontier))
            case .csv: printOut(FrontierRenderer.csv(frontier))
            case .json: printOut(FrontierRenderer.json(frontier))
            }
        }
    }
}
