import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Optimizer
import Planning
import Postgres
import Valuation

/// `--demand FILE` (CSV) or `--contributions FILE` (activity per trust): the demand the plan keeps capacity for.
struct DemandOptions: ParsableArguments {
    @Option(help: "Demand per site and modality (CSV: trust,site,modality,scans_per_year,growth).") var demand: String?
    @Option(help: "Take demand from a contributions file's activity (scans a year per trust and modality).")
    var contributions: String?

    func entries(knownTrusts: Set<String>) throws -> [DemandEntry] {
        if demand != nil && contributions != nil {
            throw ValidationError("give --demand or --contributions, not both")
        }
        if let demand { return try DemandFile.parse(csv: try readText(demand), fileName: demand) }
        guard let contributions else { return [] }
        let parsed = try ContributionsFile.parse(yaml: try readText(contributions), fileName: contributions,
                                                 knownTrusts: knownTrusts)
        return Self.entries(from: parsed)
    }

    /// Demand from a contributions file's activity: scans a year per trust and modality, at the policy's growth.
    static func entries(from contributions: Contributions) -> [DemandEntry] {
        contributions.trusts.flatMap { t in
            t.activity.sorted { $0.key < $1.key }.map { DemandEntry(trust: t.code, modality: $0.key, scansPerYear: Double($0.value)) }
        }
    }
}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Optimise the rolling replacement schedule of the network register under the policy's budgets.",
        subcommands: [Make.self, ListCommand<Plans>.self, ShowCommand<Plans>.self, Compare.self, ApproveCommand<Plans>.self,
                      FrontierCommand.self, PlanBenchCommand.self],
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
        @OptionGroup var scope: NetworkScope
        @Option(help: "The planning policy (YAML).") var policy: String
        @OptionGroup var demandOptions: DemandOptions
        @Option(help: "Seconds the optimiser may search.") var timeLimit: Double = 60
        @Option(help: "Stop once the proven gap is at most this (0.01 = 1%).") var gap: Double = 0.005
        @Option(help: "Write plan.json and plan-assets.csv into this folder.") var out: String?
        @Option(help: "Output format: table or json.") var format: Tabular.Format = .table
        @Option(help: "A name for the saved plan (default: the policy file's name).") var name: String?
        @Flag(help: "Do not save the plan.") var noSave = false
        @Flag(help: "No progress line on the terminal.") var quiet = false

        func validate() throws { try format.require([.table, .json], command: "plan make") }

        func run() throws {
            let policyText = try readText(policy)
            let parsedPolicy = try PlanningPolicy.parse(yaml: policyText, fileName: policy)
            let (c, network) = try scope.open()
            let (assets, undated) = try PlanAssetQuery(c).assets(network: network)
            if !undated.isEmpty {
                printErr("note: \(undated.count) asset(s) have no install date and are left out of the plan (e.g. \(undated.prefix(3).joined(separator: ", ")))")
            }
            let demand = try demandOptions.entries(knownTrusts: Set(try NetworkStore(c).trusts(network: network).map(\.odsCode)))
            if demand.isEmpty {
                printErr("note: no demand given (--contributions FILE for its activity, or --demand FILE): capacity against demand is not planned")
            }
            let resolved = parsedPolicy.resolvingBudget(for: assets)
            if let share = parsedPolicy.budgetNeedShare {
                printErr("budget: \(Int((share * 100).rounded()))% of the fleet's steady-state need, \(resolved.budgets[0].formatted) a year")
            }
            let ticker = ProgressTicker("planning \(assets.count) assets over \(resolved.years) years", budget: timeLimit, enabled: !quiet)
            let plan = try Planner.plan(assets: assets, policy: resolved, demand: demand,
                                        options: SolverOptions(timeLimit: timeLimit, relativeGapTolerance: gap))
            ticker.stop()
            let document = PlanDocument(plan: plan, policy: resolved)
            if let out {
                let dir = URL(fileURLWithPath: out)
                try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
                try document.json().write(to: dir.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
                try PlanRenderer.assetsCSV(plan).write(to: dir.appendingPathComponent("plan-assets.csv"), atomically: true, encoding: .utf8)
            }
            switch format {
            case .json: printOut(document.json())
            case .table, .csv:
                printOut(PlanRenderer.report(plan))
            }
            if !noSave {
                let saved = try PlanStore(c).save(plan, policy: resolved,
                                                  name: name ?? ((policy as NSString).lastPathComponent as NSString).deletingPathExtension,
                                                  policyFile: (policy as NSString).lastPathComponent, policyText: policyText, network: network)
                printErr(Plans.savedNote(id: saved.id, version: saved.version))
            }
        }
    }

    /// Saved plans for `plan list`, `show` and `approve`.
    enum Plans: VersionedRecords {
        static let noun = "plan"
        static let command = "plan"
        static let showAbstract = "Show a saved plan: its certificate, what it rests on, and each year."

        static func listing(_ c: Connection, network: Network) throws -> Tabular { SavedPlanRendering.list(try PlanStore(c).list(network: network)) }

        static func show(id: Int64, _ c: Connection, network: Network, format: Tabular.Format) throws -> String {
            let store = PlanStore(c)
            let plan = try store.plan(id: id, network: network)
            return try SavedPlanRendering.plan(plan, years: try store.years(planID: id), format: format)
        }

        static func approve(id: Int64, by approver: String, _ c: Connection, network: Network) throws -> (title: String, approvedBy: String?) {
            let plan = try PlanStore(c).approve(id: id, by: approver, network: network)
            return ("plan \(plan.id) (version \(plan.version), \(plan.name))", plan.approvedBy)
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compare two saved plans year by year, and the assets they replace in different years.")
        @OptionGroup var scope: NetworkScope
        @OptionGroup var output: FormatOptions
        @Argument(help: "The first plan's id.") var a: Int64
        @Argument(help: "The second plan's id.") var b: Int64

        func run() throws {
            let (c, network) = try scope.open()
            let cmp = try PlanStore(c).compare(a, b, network: network)
            if output.format != .json && cmp.a.objectiveUnit != cmp.b.objectiveUnit {
                printErr("note: plan \(a) is in \(cmp.a.objectiveUnit) and plan \(b) in \(cmp.b.objectiveUnit); their costs do not compare")
            }
            printOut(try SavedPlanRendering.comparison(cmp, format: output.format))
        }
    }

    struct FrontierCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "frontier",
            abstract: "Expected cost against annual budget: what another million buys.")
        @OptionGroup var scope: NetworkScope
        @Option(help: "The planning policy (YAML); its budget is replaced by each point's.") var policy: String
        @OptionGroup var demandOptions: DemandOptions
        @Option(help: "Annual budgets to try: amounts (8m..20m) or shares of the fleet's steady-state need (50%..150%).")
        var budgets: String = "50%..150%"
        @Option(help: "How many budgets across the range.") var steps: Int = 7
        @Option(help: "Seconds the optimiser may search per point.") var timeLimit: Double = 20
        @Option(help: "Stop each point once its proven gap is at most this.") var gap: Double = 0.01
        @Option(help: "Output format: table, csv or json.") var format: Tabular.Format = .table
        @Flag(help: "No progress line on the terminal.") var quiet = false

        func run() throws {
            let parsedPolicy = try PlanningPolicy.parse(yaml: try readText(policy), fileName: policy)
            let (c, network) = try scope.open()
            let (assets, _) = try PlanAssetQuery(c).assets(network: network)
            let need = parsedPolicy.steadyStateNeed(assets)
            let points = try BudgetRange.parse(budgets, steps: steps, need: need)
            if budgets.contains("%") { printErr("the fleet's steady-state need: \(need.formatted) a year") }
            let demand = try demandOptions.entries(knownTrusts: Set(try NetworkStore(c).trusts(network: network).map(\.odsCode)))
            let ticker = ProgressTicker("frontier: \(points.count) budgets, \(assets.count) assets",
                                        budget: timeLimit * Double(points.count), enabled: !quiet)
            let frontier = try Frontier.sweep(assets: assets, policy: parsedPolicy.withAnnualBudget(need), demand: demand,
                                              budgets: points,
                                              options: SolverOptions(timeLimit: timeLimit, relativeGapTolerance: gap))
            ticker.stop()
            printOut(format.render(table: { FrontierRenderer.table(frontier) }, csv: { FrontierRenderer.csv(frontier) },
                                   json: { FrontierRenderer.json(frontier) }))
        }
    }
}
