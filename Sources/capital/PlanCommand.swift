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
        subcommands: [Make.self, List.self, Show.self, Compare.self, Approve.self, FrontierCommand.self, PlanBenchCommand.self],
        defaultSubcommand: Make.self)

    struct Make: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make",
            abstract: "Plan replacements: which asset in which year, the spend against budget, the risk left unfunded.",
            discussion: """
                Formulas and the policy file: docs/planning.md. The plan prints its certificate (bound and gap) \
                and is saved as a new draft version with the policy text and the register's import batches; \
                approve it with `capital plan approve ID --by NAME`.
                """)
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Option(help: "The planning policy (YAML).") var policy: String
        @Option(help: "Seconds the optimiser may search.") var timeLimit: Double = 60
        @Option(help: "Stop once the proven gap is at most this (0.01 = 1%).") var gap: Double = 0.005
        @Option(help: "Write plan.json and plan-assets.csv into this folder.") var out: String?
        @Option(help: "Output format: table or json.") var format: Tabular.Format = .table
        @Option(help: "A name for the saved plan (default: the policy file's name).") var name: String?
        @Flag(help: "Do not save the plan.") var noSave = false

        func run() throws {
            let policyText = try readText(policy)
            let parsedPolicy = try PlanningPolicy.parse(yaml: policyText, fileName: policy)
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
            if !noSave {
                let saved = try PlanStore(c).save(plan, policy: parsedPolicy,
                                                  name: name ?? ((policy as NSString).lastPathComponent as NSString).deletingPathExtension,
                                                  policyFile: (policy as NSString).lastPathComponent, policyText: policyText, network: network)
                printErr("saved plan \(saved.id) (version \(saved.version), draft): approve with `capital plan approve \(saved.id) --by NAME`")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List saved plans, newest version last.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @OptionGroup var output: FormatOptions

        func run() throws {
            let c = try db.open()
            let plans = try PlanStore(c).list(network: try NetworkStore(c).network(named: net.network))
            printOut(Tabular(columns: ["id", "version", "name", "status", "approved_by", "solver_status", "gap", "total_spend", "created_at"],
                             rows: plans.map { [String($0.id), String($0.version), $0.name, $0.status, $0.approvedBy, $0.solverStatus,
                                                $0.gap.map { "\($0)" }, $0.totalSpend.plain, $0.createdAt] },
                             numericColumns: ["id", "version"]).render(output.format))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a saved plan: its certificate, what it rests on, and each year.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @OptionGroup var output: FormatOptions
        @Argument(help: "The plan's id.") var id: Int64

        func run() throws {
            let c = try db.open()
            let store = PlanStore(c)
            let plan = try store.plan(id: id, network: try NetworkStore(c).network(named: net.network))
            let years = try store.years(planID: id)
            if output.format == .json {
                struct Doc: Encodable { var plan: SavedPlan; var years: [SavedPlanYear] }
                printOut(try jsonString(Doc(plan: plan, years: years)))
                return
            }
            if output.format == .table {
                printOut("""
                    plan \(plan.id) "\(plan.name)", version \(plan.version), \(plan.status)\(plan.approvedBy.map { " by \($0) at \(plan.approvedAt ?? "")" } ?? "")
                    \(plan.solverStatus): residual risk \(plan.objective.map { "\($0)" } ?? "-"), bound \(plan.bound.map { "\($0)" } ?? "-"), gap \(plan.gap.map { "\($0)" } ?? "-")
                    built from \(plan.policyFile) and import batches \(plan.registerBatches.map(String.init).joined(separator: ", "))
                    \(plan.replacements) replacements costing \(plan.totalSpend.formatted); \(plan.unfunded) assets left at risk

                    """)
            }
            printOut(Tabular(columns: ["year", "budget", "spend", "replacements", "risk_with_plan", "risk_without"],
                             rows: years.map { [String($0.year), $0.budget.plain, $0.spend.plain, String($0.replacements),
                                                "\($0.residualRisk)", "\($0.baselineRisk)"] }).render(output.format))
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare two saved plans year by year, and the assets they replace in different years.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @OptionGroup var output: FormatOptions
        @Argument(help: "The first plan's id.") var a: Int64
        @Argument(help: "The second plan's id.") var b: Int64

        func run() throws {
            let c = try db.open()
            let cmp = try PlanStore(c).compare(a, b, network: try NetworkStore(c).network(named: net.network))
            if output.format == .json { printOut(try jsonString(cmp)); return }
            printOut(Tabular(columns: ["year", "spend_\(a)", "spend_\(b)", "risk_\(a)", "risk_\(b)"],
                             rows: cmp.years.map { [String($0.year), $0.spendA?.plain, $0.spendB?.plain,
                                                    $0.riskA.map { "\($0)" }, $0.riskB.map { "\($0)" }] }).render(output.format))
            if output.format == .table {
                printOut("\n\(cmp.movedCount) asset(s) replaced in different years\(cmp.movedCount > cmp.moved.count ? " (first \(cmp.moved.count))" : ""):\n")
                printOut(Tabular(columns: ["trust", "asset", "years_\(a)", "years_\(b)"],
                                 rows: cmp.moved.map { [$0.trust, $0.asset, $0.yearsA.map(String.init).joined(separator: " "),
                                                        $0.yearsB.map(String.init).joined(separator: " ")] }).table())
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a draft plan; it supersedes the plan in force.")
        @OptionGroup var db: DatabaseOptions
        @OptionGroup var net: NetworkOption
        @Argument(help: "The plan's id.") var id: Int64
        @Option(help: "Who approves it (name or role), recorded with the time.") var by: String

        func run() throws {
            let c = try db.open()
            let plan = try PlanStore(c).approve(id: id, by: by, network: try NetworkStore(c).network(named: net.network))
            printOut("plan \(plan.id) (version \(plan.version), \(plan.name)) approved by \(plan.approvedBy ?? by); it is now in force\n")
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
