import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Procurement

struct ProcureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "procure",
        abstract: "Collective purchase lists from a plan: replacements grouped into lots, and network support contracts.",
        discussion: """
            Every planned replacement is in exactly one lot (checked against the plan to the penny before \
            anything is printed). --window N lets replacements of one category up to N years apart share a \
            lot bought in its earliest year; each such move is listed. Lots at or above the procurement \
            threshold are flagged (default: the public procurement threshold for NHS goods; --threshold for \
            the network's own). See docs/procurement.md.
            """)
    @OptionGroup var scope: NetworkScope
    @Option(help: "The saved plan's id (default: the approved plan in force).") var plan: Int64?
    @Option(help: "Years apart that replacements of one category may be to share a lot.") var window: Int = 0
    @Option(help: "A network threshold in pounds ex VAT instead of the statutory one.") var threshold: String?
    @Option(help: "Output format: table, csv, json or xlsx (default: from --out's extension, else table).") var format: String?
    @Option(help: "Write to this file instead of standard output (.xlsx writes a workbook).") var out: String?
    @Option(help: "The date the run is made as of (YYYY-MM-DD; default today): co-termination is never before it and contracts ended before it are flagged expired, so a run can be repeated.")
    var asOf: CalendarDate?

    /// `--format`, else the format `--out`'s extension names (`lots.xlsx` is a workbook, never a text table in a
    /// file named .xlsx), else the table.
    static func resolvedFormat(_ format: String?, out: String?) throws -> String {
        let allowed = ["table", "csv", "json", "xlsx"]
        let fromExtension = out.map { URL(fileURLWithPath: $0).pathExtension.lowercased() }.flatMap { ["xlsx", "csv", "json"].contains($0) ? $0 : nil }
        guard let format else { return fromExtension ?? "table" }
        guard allowed.contains(format) else { throw ValidationError("--format must be table, csv, json or xlsx") }
        if format == "xlsx" && out == nil { throw ValidationError("--format xlsx needs --out FILE.xlsx") }
        if let fromExtension, fromExtension != format, fromExtension == "xlsx" || format == "xlsx" {
            throw ValidationError("--format \(format) does not fit --out \(out!): use --format \(fromExtension) or another file name")
        }
        return format
    }

    @Flag(help: "No progress line on the terminal.") var quiet = false

    func run() throws {
        let format = try Self.resolvedFormat(self.format, out: out)
        let limit: ProcurementThreshold
        if let threshold {
            guard let pence = MoneyText.parse(threshold) else { throw ValidationError("--threshold \"\(threshold)\" is not an amount of money (e.g. \(MoneyText.examples))") }
            limit = .exVAT(pence)
        } else {
            limit = .nhsGoods2026
        }
        let (c, network) = try scope.open()
        let store = PlanStore(c)
        guard let planID = try plan ?? store.inForce(network: network)?.id else {
            throw UserError("no approved plan in force: name one with --plan ID (`capital plan list`)")
        }
        let ticker = ProgressTicker("grouping plan \(planID)'s replacements into lots", budget: nil, enabled: !quiet)
        let saved = try store.load(id: planID, network: network)
        let lots = try PurchaseLots.build(plan: saved, assets: [], window: window, threshold: limit)
        try PurchaseLots.reconcile(lots: lots, plan: saved, window: window)
        let support = SupportContracts.group(contracts: try ProcurementQuery(c).maintenanceContracts(network: network),
                                             asOf: asOf ?? CalendarDate.today())
        ticker.stop()
        switch format {
        case "xlsx":
            try ProcurementWorkbook.write(lots: lots, support: support, to: URL(fileURLWithPath: out!))
            printErr("wrote \(lots.count) lots and \(support.count) support groups to \(out!)")
            return
        case "json":
            try emit(try ProcurementJSON.render(lots: lots, support: support, threshold: limit, window: window))
        case "csv":
            try emit(LotRendering.lotsCSV(lots))
            let held = lots.reduce(0) { $0 + $1.heldBack.count }
            if held > 0 {
                printErr("\(held) purchases could have joined an earlier lot but that year's budget has no room; "
                         + "--format json or xlsx lists them")
            }
        default:
            try emit(LotRendering.table(lots, threshold: limit, window: window) + "\n" + SupportRendering.table(support))
        }
    }

    private func emit(_ text: String) throws {
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } else {
            printOut(text)
        }
    }
}
