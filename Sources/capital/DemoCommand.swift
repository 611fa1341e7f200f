import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Funding
import Optimizer
import Planning
import Procurement
import Postgres
import Register
import Samples
import Reports
import Valuation

/// `capital demo`: the whole job on a generated sample network, printing what it did and where
/// the outputs are. Deterministic for a given seed.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the whole job on a generated sample network and write the outputs.",
        discussion: """
            Generates a sample network (capital sample), creates it in the database, imports every \
            register (showing the row-level report of one with errors), values contributions into \
            ownership shares by every method, saves and approves one set, and apportions a capital \
            call by it. Use a fresh database: script/demo gives it its own embedded cluster in out/demo-data.
            """)
    @OptionGroup var db: DatabaseOptions
    @Option(help: "Where to write the outputs.") var out: String = "out"
    @Option(help: "How many trusts.") var trusts: Int = 15
    @Option(help: "Assets per trust's register.") var assets: Int = 400
    @Option(help: "The seed: the same seed gives the same network and results.") var seed: UInt64 = 2025
    @Option(help: "Dual iterations the optimiser runs for the plan: a fixed amount of search, so the same seed gives the same plan on any machine.")
    var planIterations: Int = 10_000
    @Option(help: "A safety limit in seconds on the plan's search (a slow machine stops early, and then results can differ).")
    var planSeconds: Double = 300

    func run() throws {
        let began = Date()
        let outDir = URL(fileURLWithPath: out)
        let sampleDir = outDir.appendingPathComponent("sample")
        try? FileManager.default.removeItem(at: sampleDir)
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        step("generating a \(trusts)-trust sample network (seed \(seed), \(assets) assets per trust) in \(sampleDir.path)")
        let files = try SampleNetwork.generate(trusts: trusts, assetsPerTrust: assets, seed: seed, into: sampleDir)
        let formats = Dictionary(grouping: files, by: { ($0.file as NSString).pathExtension.uppercased() }).mapValues(\.count)
        detail(formats.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + " registers, each trust's own headers and date order")

        let connection = try db.open()
        step("creating the network and importing every register into \(db.target)")
        let importers = try ProfileLibrary(directory: try ResourceLocator.directory("importers"))
        var failed: [(SampleNetwork.TrustFile, ImportOutcome)] = []
        let outcomes = try SampleNetworkLoader.load(directory: sampleDir, connection: connection, importers: importers) { trust, outcome in
            detail("\(trust.code) \(trust.file): \(outcome.status.rawValue), \(outcome.summary.rowsRead) rows read, \(outcome.added) added, \(outcome.summary.rejected) rejected (profile \(trust.profile))")
            if outcome.status == .failed { failed.append((trust, outcome)) }
        }
        let store = NetworkStore(connection)
        let network = try store.network(named: nil)
        for (trust, outcome) in failed {
            let report = outDir.appendingPathComponent("import-errors-\(trust.code).csv")
            try ErrorReportWriter.write(outcome.issues, to: report)
            let errors = outcome.issues.filter { $0.severity == .error }
            step("\(trust.code)'s register has \(errors.count) invalid row(s): nothing was loaded. The row-level report (\(report.path)):")
            for issue in errors.prefix(8) {
                detail("\(issue.file) row \(issue.row), column \(issue.column.isEmpty ? "-" : issue.column), value \"\(issue.value)\": \(issue.message)")
            }
            var options = ImportOptions(allowPartial: true)
            options.profile = trust.profile.isEmpty ? .auto : .named(trust.profile)
            let retry = try RegisterStore(connection).importRegister(file: sampleDir.appendingPathComponent(trust.file), network: network,
                                                                     trustCode: trust.code, importers: importers, options: options)
            detail("re-imported with --allow-partial: \(retry.added) added, \(retry.rejectsStored) rejected rows kept with their raw data")
        }
        let registerCount: Int = try connection.scalar("SELECT count(*) FROM asset WHERE retired_at IS NULL")
        detail("the network register holds \(registerCount) assets across \(outcomes.count) trusts")

        step("valuing contributions into ownership shares by every method")
        let members = try store.trusts(network: network)
        let (planAssets, undated) = try PlanAssetQuery(connection).assets(network: network)
        let activity = Self.activity(planAssets, seed: seed)
        let contributionsYAML = SampleContributions.yaml(formed: network.formedOn, trusts: members.map { ($0.odsCode, $0.assetCount) },
                                                         seed: seed, activity: activity)
        let contributionsFile = outDir.appendingPathComponent("contributions.yaml")
        try contributionsYAML.write(to: contributionsFile, atomically: true, encoding: .utf8)
        let contributions = try ContributionsFile.parse(yaml: contributionsYAML, fileName: contributionsFile.path,
                                                        knownTrusts: Set(members.map(\.odsCode)))
        let equipment = try ShareSetStore(connection).equipmentHoldings(network: network)
        let weights = try BlendWeights.parse("contribution=0.5,volume=0.25,operating=0.25")
        let report = try SharesReport.compute(contributions: contributions, equipment: equipment, weights: weights)
        try report.renderJSON().write(to: outDir.appendingPathComponent("shares.json"), atomically: true, encoding: .utf8)
        try report.renderCSV().write(to: outDir.appendingPathComponent("shares.csv"), atomically: true, encoding: .utf8)
        let spread = ShareMethod.allCases.compactMap { m -> String? in
            guard let set = report.set(m), let top = set.trusts.max(by: { $0.share < $1.share }) else { return nil }
            return "\(m.rawValue): largest \(top.trust) \(top.percent)%"
        }
        detail(spread.joined(separator: "; "))
        let saved = try ShareSetStore(connection).save(report, method: .contribution, network: network,
                                                       contributionsFile: "contributions.yaml", contributionsText: contributionsYAML)
        let approved = try ShareSetStore(connection).approve(id: saved.id, by: "Imaging network board (demo)", network: network)
        detail("share set \(approved.id) (contribution method, version \(approved.version)) saved and approved")

        step("optimising a 15-year replacement plan (policy examples/sample-policy.yaml; demand from the contributions' activity)")
        let policyFile = try ResourceLocator.directory("examples").appendingPathComponent("sample-policy.yaml")
        let policy = try PlanningPolicy.parse(yaml: try readText(policyFile.path), fileName: policyFile.path)
            .resolvingBudget(for: planAssets)
        let need = policy.steadyStateNeed(planAssets)
        detail("budget: the fleet's steady-state need, \(need.formatted) a year (each unit's whole price over the years between its replacements)")
        let demand = DemandOptions.entries(from: contributions)
        let planTicker = ProgressTicker("planning \(planAssets.count) assets over \(policy.years) years", budget: planSeconds)
        let plan = try Planner.plan(assets: planAssets, policy: policy, demand: demand,
                                    options: SolverOptions(timeLimit: planSeconds, relativeGapTolerance: 0.01, iterationLimit: planIterations))
        planTicker.stop()
        let savedPlan = try PlanStore(connection).save(plan, policy: policy, name: "Demo 15-year plan", policyFile: "sample-policy.yaml",
                                                       policyText: try readText(policyFile.path), network: network)
        try PlanStore(connection).approve(id: savedPlan.id, by: "Imaging network board (demo)", network: network)
        try PlanDocument(plan: plan, policy: policy).json().write(to: outDir.appendingPathComponent("plan.json"), atomically: true, encoding: .utf8)
        try PlanRenderer.assetsCSV(plan).write(to: outDir.appendingPathComponent("plan-assets.csv"), atomically: true, encoding: .utf8)
        try PlanRenderer.report(plan).write(to: outDir.appendingPathComponent("plan-summary.txt"), atomically: true, encoding: .utf8)
        detail("\(planAssets.count) assets planned (\(undated.count) without an install date left out); \(plan.status.rawValue), gap \(plan.gap.map { String(format: "%.2f%%", $0 * 100) } ?? "-") in \(String(format: "%.1f", plan.seconds)) s")
        detail("saved as plan \(savedPlan.id) and approved")
        detail(PlanRenderer.certificate(plan))
        detail(PlanRenderer.rulesLine(plan))
        let deferred = plan.unfunded.filter { $0.plannedYear != nil }.count
        detail("\(plan.unfunded.count) assets due but not replaced when due: \(deferred) replaced later, "
               + "\(plan.unfunded.count - deferred) not within the horizon (plan-summary.txt says what held the first of them back); "
               + "\(plan.additions.count) additional units for demand")
        let excluded = Set(plan.assets.filter(\.excluded).map(\.modality))
        for row in PlanRenderer.modalityRows(plan) where row.units > 0 {
            if excluded.contains(row.modality) && row.replaced == 0 {
                detail("  \(row.modality.rawValue): \(row.units) units, left out by the policy (funded outside network capital)")
            } else {
                detail("  \(row.modality.rawValue): \(row.replaced) of \(row.units) units replaced, \(row.spend.formatted)")
            }
        }
        if let end = plan.ageProfile.first(where: { $0.modality == nil && $0.year == policy.firstYear + policy.years - 1 }),
           let start = plan.ageProfile.first(where: { $0.modality == nil && $0.year == policy.firstYear }) {
            detail(String(format: "units over 10 years old: %.0f%% in %d, %.0f%% in %d with the plan (%.0f%% without)",
                          start.withPlan.oldShare * 100, start.year, end.withPlan.oldShare * 100, end.year, end.without.oldShare * 100))
        }

        step("the budget frontier: 50% to 150% of the fleet's steady-state need")
        let frontierBudgets = try BudgetRange.parse("50%..150%", steps: 5, need: need)
        let frontierTicker = ProgressTicker("frontier: \(frontierBudgets.count) budgets", budget: planSeconds * Double(frontierBudgets.count))
        let frontier = try Frontier.sweep(assets: planAssets, policy: policy, demand: demand, budgets: frontierBudgets,
                                          options: SolverOptions(timeLimit: planSeconds, relativeGapTolerance: 0.01,
                                                                 iterationLimit: max(100, planIterations / 5)))
        frontierTicker.stop()
        try FrontierRenderer.json(frontier).write(to: outDir.appendingPathComponent("frontier.json"), atomically: true, encoding: .utf8)
        try FrontierRenderer.table(frontier).write(to: outDir.appendingPathComponent("frontier.txt"), atomically: true, encoding: .utf8)
        for p in frontier {
            detail("\(p.budget.formatted) a year: \(p.expectedCost.map(PlanRenderer.poundsText) ?? "-") over the horizon, \(p.breachYears) breach years")
        }

        step("grouping the plan's replacements into collective purchase lots")
        let lots = try PurchaseLots.build(plan: plan, assets: planAssets, window: 1)
        try PurchaseLots.reconcile(lots: lots, plan: plan, window: 1)
        // As of the plan's first day, like the report, so the demo's outputs do not depend on the day it is run.
        let support = SupportContracts.group(contracts: try ProcurementQuery(connection).maintenanceContracts(network: network),
                                             asOf: CalendarDate(year: policy.firstYear, month: 4, day: 1)!)
        try LotRendering.lotsCSV(lots).write(to: outDir.appendingPathComponent("purchase-lots.csv"), atomically: true, encoding: .utf8)
        try ProcurementWorkbook.write(lots: lots, support: support, to: outDir.appendingPathComponent("procurement.xlsx"))
        detail("\(lots.count) lots (replacements up to a year apart share a lot), \(lots.filter(\.aboveThreshold).count) at or above the procurement threshold; values sum to the plan's \(plan.totalSpend.formatted)")
        detail("\(support.count) maintenance-contract groups proposed for co-terminated network contracts")

        step("calling the first two plan years' replacements from the owner trusts by the approved shares")
        let calls = CallStore(connection)
        try calls.setThreshold(.pounds(5_000_000), network: network)
        for year in [policy.firstYear, policy.firstYear + 1] {
            let call = try calls.addFromPlan(network: network, year: year)
            let approved = try calls.approve(call.reference, by: "Imaging network board (demo)",
                                             ownerApproval: call.needsOwnerApproval ? "Owner trusts' boards, scheme of delegation (demo)" : nil,
                                             network: network, on: call.date)
            let issued = try calls.issue(approved.reference, by: "Network finance lead (demo)", network: network, on: call.date)
            let sum = issued.parts.reduce(Pence.zero) { $0 + $1.amount }
            detail("\(issued.reference): \(issued.amount.formatted) for \(year)/\(String((year + 1) % 100)), \(issued.needsOwnerApproval ? "above the £5,000,000.00 threshold: owner trusts approved" : "board approval"), issued; \(issued.parts.count) parts sum to \(sum.formatted)")
        }
        let statement = try calls.statement(network: network)
        try FundingRendering.statementCSV(statement).write(to: outDir.appendingPathComponent("calls-statement.csv"), atomically: true, encoding: .utf8)
        try FundingRendering.networkTable(statement).write(to: outDir.appendingPathComponent("calls-network.txt"), atomically: true, encoding: .utf8)
        detail("each trust's obligations by year: calls-statement.csv; the network view: calls-network.txt")

        step("writing the board report for the approved plan \(savedPlan.id) (fleet aged to the plan's first day)")
        let headline = try ReportCommand.writeBoth(connection: connection, network: network, planID: savedPlan.id, window: 1,
                                                   asOf: CalendarDate(year: policy.firstYear, month: 4, day: 1)!,
                                                   frontier: try BoardReportInput.frontierRows(json: FrontierRenderer.json(frontier)),
                                                   html: outDir.appendingPathComponent("report.html"),
                                                   xlsx: outDir.appendingPathComponent("report.xlsx"))
        detail("\(outDir.appendingPathComponent("report.html").path): one page, opens offline, prints on A4; report.xlsx: the same as a workbook")
        detail("what a finance lead sees first:")
        for line in headline { detail("  " + line) }
        step("done in \(String(format: "%.1f", Date().timeIntervalSince(began))) s; outputs in \(outDir.path):")
        for name in (try FileManager.default.contentsOfDirectory(atPath: outDir.path)).sorted() where name != "demo-data" {
            detail(name)
        }
    }

    /// Scans a year per trust for CT, MRI, X-ray and ultrasound: its units × what a unit can do × a utilisation of
    /// 80–105% (deterministic for the seed), so that demand and capacity tell one story.
    static func activity(_ assets: [PlanAsset], seed: UInt64) -> [String: [Modality: Int64]] {
        let parameters = ServiceCostParameters()
        var units: [String: [Modality: Int]] = [:]
        for a in assets where [.ct, .mri, .generalRadiography, .ultrasound].contains(a.modality) {
            units[a.trust, default: [:]][a.modality, default: 0] += 1
        }
        var rng = SplitMix64(seed: seed ^ 0xAC71)
        var out: [String: [Modality: Int64]] = [:]
        for trust in units.keys.sorted() {
            for m in units[trust]!.keys.sorted() {
                let utilisation = 0.8 + Double(rng.next() % 2501) / 10_000
                let scans = Double(units[trust]![m]!) * (parameters.scansPerUnitYear[m] ?? 0) * utilisation
                out[trust, default: [:]][m] = Int64((scans / 100).rounded()) * 100
            }
        }
        return out
    }

    private func step(_ text: String) { printOut("• \(text)\n") }
    private func detail(_ text: String) { printOut("    \(text)\n") }
}
