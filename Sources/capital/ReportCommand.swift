import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Postgres
import Procurement
import Reports

/// `capital report`: the board report for a saved plan, as one self-contained HTML page or an Excel workbook.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the board report for a plan: one self-contained HTML page, or an Excel workbook.",
        discussion: """
            The format follows --out: FILE.html is one page with inline SVG charts that opens offline and \
            prints on A4 (summary and certificate in pounds, spend against budget by trust and by modality, \
            expected cost per year with and without the plan, hard-rule breaches and the money to meet them, \
            the fleet's age profile against 60/30/10, capacity against demand, the budget frontier when \
            --frontier is given, ownership shares, capital calls, purchase lots, and the policy and register \
            batches it rests on); FILE.xlsx is the same as a workbook with real number and date cells. \
            See docs/report.md.
            """)
    @OptionGroup var scope: NetworkScope
    @Option(help: "The saved plan's id (default: the approved plan in force).") var plan: Int64?
    @Option(help: "The file to write: FILE.html or FILE.xlsx.") var out: String
    @Option(help: "Years apart that replacements of one category may be to share a purchase lot (as capital procure).") var window: Int = 0
    @Option(help: "The day the fleet is aged to, YYYY-MM-DD (default today).") var asOf: CalendarDate?
    @Option(help: "A budget frontier to include: the JSON of `capital plan frontier --format json`.") var frontier: String?
    @Flag(help: "No progress line on the terminal.") var quiet = false

    func validate() throws {
        let ext = (out as NSString).pathExtension.lowercased()
        guard ext == "html" || ext == "htm" || ext == "xlsx" else {
            throw ValidationError("--out must name a .html or .xlsx file, not \"\(out)\"")
        }
        guard window >= 0 else { throw ValidationError("--window must be 0 or more years") }
    }

    func run() throws {
        let (c, network) = try scope.open()
        let rows = try frontier.map { file in
            do { return try BoardReportInput.frontierRows(json: try readText(file)) } catch let e as UserError {
                throw UserError("\(file): \(e.message); write it with `capital plan frontier --format json`")
            }
        }
        let ticker = ProgressTicker("writing the board report for plan \(plan.map(String.init) ?? "in force")", budget: nil, enabled: !quiet)
        let input = try ReportData(c).input(network: network, planID: plan, window: window, asOf: asOf ?? .today(),
                                            frontier: rows)
        let url = URL(fileURLWithPath: out)
        try ReportCommand.write(input, to: url)
        ticker.stop()
        printErr("wrote the board report for plan \(input.plan.id) version \(input.plan.version) to \(out)")
        for line in BoardReportHTML.headline(input) { printErr("  " + line) }
    }

    /// Writes HTML or XLSX by the file's extension.
    static func write(_ input: BoardReportInput, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if url.pathExtension.lowercased() == "xlsx" {
            try BoardReportWorkbook.write(input, to: url)
        } else {
            try BoardReportHTML.render(input).write(to: url, atomically: true, encoding: .utf8)
        }
    }
}

extension ReportCommand {
    /// Writes the report for `planID` as both HTML and XLSX (for `capital demo`) and returns its headline lines.
    static func writeBoth(connection: Postgres.Connection, network: Network, planID: Int64, window: Int, asOf: CalendarDate,
                          frontier: [BoardReportInput.FrontierRow]? = nil, html: URL, xlsx: URL) throws -> [String] {
        let input = try ReportData(connection).input(network: network, planID: planID, window: window, asOf: asOf,
                                                     frontier: frontier)
        try write(input, to: html)
        try write(input, to: xlsx)
        return BoardReportHTML.headline(input)
    }
}
