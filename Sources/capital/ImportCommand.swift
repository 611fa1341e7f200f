import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Register
#if canImport(Glibc)
import Glibc
#endif

/// `capital import [file] FILE --trust CODE` (the default of ``ImportGroup``): read a trust's register export, clean and validate it, and load
/// it into the network register (see docs/import.md).
///
/// Output: with `--format table` (default) the mapping, the row-level issues and the summary go to
/// stdout; with `--format json` stdout holds exactly one JSON document (mapping, summary, counts and
/// every issue) and nothing else. Progress goes to stderr, only when stderr is a terminal.
/// Exit 1 when the file has errors and nothing was loaded (also for a dry run that would fail), and when no row of
/// the file is a loadable imaging asset.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "file",
        abstract: "Import a trust's asset register (CSV or XLSX) into the network register.",
        discussion: """
            The file is read and normalised with a mapping profile from importers/ (--profile NAME, or auto: the \
            profile recognising the most headers). Default: any row error means nothing is written and exit 1; \
            --allow-partial loads the valid rows and keeps the rejects with their raw data. Rows are merged by \
            (trust, asset tag) in one transaction: a changed file reports added / updated / unchanged / missing; \
            missing assets are retired only with --retire-missing. Re-importing an identical file writes nothing \
            and says "0 changes".
            """)

    @OptionGroup var scope: NetworkScope
    @Argument(help: "The register file (.csv or .xlsx).") var file: String
    @Option(help: "The trust's ODS code.") var trust: String
    @Option(help: "Which list the file is: cmms or finance (default: the profile's; docs/reconcile.md).") var source: SourceKind?
    @Option(help: "A mapping profile: a name from importers/, a path to a profile YAML file, or auto.") var profile: String = "auto"
    @Option(name: .customLong("map"), help: ArgumentHelp("Read FIELD from the file's column HEADER, adding to or overriding the profile (repeatable).",
                                                        valueName: "FIELD=HEADER"))
    var map: [String] = []
    @Option(help: "The header's row number (default: the row whose cells the profile recognises best, below any preamble).")
    var headerRow: Int?
    @Option(help: "XLSX: the worksheet to read (default: the first).") var sheet: String?
    @Flag(help: "Read, validate and count what would change; write nothing.") var dryRun = false
    @Flag(help: "Load the valid rows; keep rejected rows (raw data + issues) in asset_reject.") var allowPartial = false
    @Flag(help: "Retire the trust's register assets that are not in the file.") var retireMissing = false
    @Flag(help: "Exit 0 even when no row of the file is a loadable imaging asset.") var allowEmpty = false
    @Option(help: "Write every issue (errors and warnings) to this CSV (safe to open in Excel).") var errors: String?
    @Option(help: "Output format: table or json.") var format: Tabular.Format = .table
    @Option(help: ArgumentHelp("Directory of mapping profiles (default: the project's importers/).", visibility: .hidden))
    var importers: String?
    @Option(help: ArgumentHelp("Today's date for future-date checks (tests).", visibility: .hidden)) var asOf: CalendarDate?
    @Option(help: ArgumentHelp("Also write the staged rows in COPY text format here (benchmarks).", visibility: .hidden))
    var stageDump: String?
    @Option(help: ArgumentHelp("Issues to list in table output (all go to --errors).", visibility: .hidden)) var showIssues: Int = 40

    func validate() throws {
        if let headerRow, headerRow < 1 { throw ValidationError("--header-row must be 1 or more (got \(headerRow))") }
        for m in map {
            do { _ = try FieldMapping(parsing: m) } catch let e as UserError { throw ValidationError(e.message) }
        }
    }

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw UserError("no such file: \(file)") }
        let library = try ProfileLibrary(directory: importers.map { URL(fileURLWithPath: $0) } ?? ResourceLocator.directory("importers"))
        let (connection, network) = try scope.open()
        var options = ImportOptions(profile: ProfileLibrary.Choice(profile), sheet: sheet, dryRun: dryRun, allowPartial: allowPartial,
                                    retireMissing: retireMissing, asOf: asOf ?? .today(), user: NSUserName())
        options.mapping = try map.map { try FieldMapping(parsing: $0) }
        options.headerRow = headerRow
        options.source = source
        options.stageDump = stageDump.map { URL(fileURLWithPath: $0) }
        options.waiting = { printErr("capital: " + $0) }
        let meter = ProgressMeter()
        let outcome = try RegisterStore(connection).importRegister(file: url, network: network, trustCode: trust, importers: library,
                                                                   options: options, progress: meter.isActive ? meter.update : nil)
        meter.clear()
        if let errors {
            do { try ErrorReportWriter.write(outcome.issues, skips: outcome.skips, file: outcome.file, to: URL(fileURLWithPath: errors)) } catch {
                throw UserError("cannot write the error report \(errors): \(error)")
            }
        }
        switch format {
        case .json, .csv: printOut(try ImportRendering.json(outcome) + "\n")
        case .table: printOut(ImportRendering.table(outcome, showIssues: showIssues, errorsFile: errors))
        }
        if outcome.status == .failed {
            printErr("capital: \(outcome.file): \(outcome.summary.errors) error(s) in \(outcome.summary.rejected) row(s); nothing was written"
                     + (errors == nil ? " (--errors FILE lists them all)" : " (listed in \(errors!))")
                     + "; fix the file or use --allow-partial to load the valid rows")
            throw ExitCode(1)
        }
        // A file of which no row is a loadable imaging asset is a failure a script must see (issue 15): "0 loaded,
        // 0 changes" with exit 0 looked like success. (A file that retires missing assets has changes, and says so.)
        if outcome.summary.valid == 0 && outcome.changes == 0 && !allowEmpty {
            printErr("capital: \(outcome.file): nothing could be loaded: " + Self.whyNothingLoaded(outcome.summary)
                     + (errors == nil ? "; --errors FILE lists every row and why" : "; \(errors!) lists every row and why")
                     + " (--allow-empty accepts a file with nothing to load)")
            throw ExitCode(1)
        }
    }

    /// Why a file loaded no asset, with the counts: no data rows, no row that looks like imaging equipment, or the
    /// mix of rejected and skipped rows.
    static func whyNothingLoaded(_ s: ImportSummary) -> String {
        let g = ImportRendering.grouped
        if s.rowsRead == 0 { return "the file has no data rows below its header" }
        let notImaging = s.skippedNonImaging + s.skippedUnrecognised
        if s.rejected == 0 && notImaging > 0 && notImaging + s.skippedExactDuplicates == s.rowsRead {
            return "no row looks like imaging equipment: \(g(s.rowsRead)) row(s), none with an imaging modality "
                + "(\(g(s.skippedNonImaging)) not imaging, \(g(s.skippedUnrecognised)) with no modality recognised); "
                + "is it the right file, and does the profile map its description or modality column?"
        }
        let skipped = s.skippedNonImaging + s.skippedUnrecognised + s.skippedExactDuplicates
        return "\(g(s.rowsRead)) row(s) read, none a valid imaging asset "
            + "(\(g(s.rejected)) rejected, \(g(skipped)) skipped: \(g(s.skippedNonImaging)) not imaging, "
            + "\(g(s.skippedUnrecognised)) with no modality recognised, \(g(s.skippedExactDuplicates)) exact duplicates); "
            + "is it the right file, and does the profile map its columns?"
    }
}

/// Rows, rows/s and percent on one stderr line, redrawn at most five times a second; inactive when
/// stderr is not a terminal.
final class ProgressMeter {
    let isActive = isatty(2) == 1
    private var last = 0.0
    private var drawn = false

    func update(_ t: ImportTick) {
        guard t.seconds - last >= 0.2 || t.seconds < 0.001 else { return }
        last = t.seconds
        var line = "\r\(ImportRendering.grouped(t.rows)) rows, \(ImportRendering.grouped(Int(Double(t.rows) / max(t.seconds, 0.001)))) rows/s"
        if let b = t.bytesRead, t.totalBytes > 0 { line += String(format: ", %.0f%%", min(100, Double(b) * 100 / Double(t.totalBytes))) }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drawn = true
    }

    func clear() {
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
