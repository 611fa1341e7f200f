import ArgumentParser
import CapitalCore
import CapitalStore
import Foundation
import Register
#if canImport(Glibc)
import Glibc
#endif

/// `capital import FILE --trust CODE`: read a trust's register export, clean and validate it, and load
/// it into the network register (see docs/import.md).
///
/// Output: with `--format table` (default) the mapping, the row-level issues and the summary go to
/// stdout; with `--format json` stdout holds exactly one JSON document (mapping, summary, counts and
/// every issue) and nothing else. Progress goes to stderr, only when stderr is a terminal.
/// Exit 1 when the file has errors and nothing was loaded (also for a dry run that would fail).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a trust's asset register (CSV or XLSX) into the network register.",
        discussion: """
            The file is read and normalised with a mapping profile from importers/ (--profile NAME, or auto: the \
            profile recognising the most headers). Default: any row error means nothing is written and exit 1; \
            --allow-partial loads the valid rows and keeps the rejects with their raw data. Rows are merged by \
            (trust, asset tag) in one transaction: a changed file reports added / updated / unchanged / missing; \
            missing assets are retired only with --retire-missing. Re-importing an identical file writes nothing \
            and says "0 changes".
            """)

    @OptionGroup var db: DatabaseOptions
    @OptionGroup var net: NetworkOption
    @Argument(help: "The register file (.csv or .xlsx).") var file: String
    @Option(help: "The trust's ODS code.") var trust: String
    @Option(help: "A mapping profile name from importers/, or auto.") var profile: String = "auto"
    @Option(help: "XLSX: the worksheet to read (default: the first).") var sheet: String?
    @Flag(help: "Read, validate and count what would change; write nothing.") var dryRun = false
    @Flag(help: "Load the valid rows; keep rejected rows (raw data + issues) in asset_reject.") var allowPartial = false
    @Flag(help: "Retire the trust's register assets that are not in the file.") var retireMissing = false
    @Option(help: "Write every issue (errors and warnings) to this CSV (safe to open in Excel).") var errors: String?
    @Option(help: "Output format: table or json.") var format: Tabular.Format = .table
    @Option(help: ArgumentHelp("Directory of mapping profiles (default: the project's importers/).", visibility: .hidden))
    var importers: String?
    @Option(help: ArgumentHelp("Today's date for future-date checks (tests).", visibility: .hidden)) var asOf: CalendarDate?
    @Option(help: ArgumentHelp("Also write the staged rows in COPY text format here (benchmarks).", visibility: .hidden))
    var stageDump: String?
    @Option(help: ArgumentHelp("Issues to list in table output (all go to --errors).", visibility: .hidden)) var showIssues: Int = 40

    func run() throws {
        let url = URL(fileURLWithPath: file)
        guard FileManager.default.fileExists(atPath: url.path) else { throw UserError("no such file: \(file)") }
        let library = try ProfileLibrary(directory: importers.map { URL(fileURLWithPath: $0) } ?? ResourceLocator.directory("importers"))
        let connection = try db.open()
        let network = try NetworkStore(connection).network(named: net.network)
        var options = ImportOptions(profile: ProfileLibrary.Choice(profile), sheet: sheet, dryRun: dryRun, allowPartial: allowPartial,
                                    retireMissing: retireMissing, asOf: asOf ?? .today(), user: NSUserName())
        options.stageDump = stageDump.map { URL(fileURLWithPath: $0) }
        let meter = ProgressMeter()
        let outcome = try RegisterStore(connection).importRegister(file: url, network: network, trustCode: trust, importers: library,
                                                                   options: options, progress: meter.isActive ? meter.update : nil)
        meter.clear()
        if let errors {
            do { try ErrorReportWriter.write(outcome.issues, to: URL(fileURLWithPath: errors)) } catch {
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

enum ImportRendering {
    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 && ch != "-" { out.append(",") }
            out.append(ch)
        }
        return out
    }

    static func table(_ o: ImportOutcome, showIssues: Int, errorsFile: String?) -> String {
        var out = o.mapping.description + "\n"
        var fileLine = "file: \(o.file) (\(o.format.rawValue)"
        if let e = o.encoding { fileLine += ", \(e.rawValue)" }
        if let s = o.sheet { fileLine += ", sheet \"\(s)\"" }
        fileLine += ", \(grouped(Int(o.fileBytes))) bytes, sha256 \(o.sha256.prefix(16))…) for trust \(o.trust)"
        out += fileLine + "\n"
        if !o.issues.isEmpty {
            let ordered = o.issues.sorted { ($0.severity == .error ? 0 : 1, $0.row) < ($1.severity == .error ? 0 : 1, $1.row) }
            out += "issues (\(o.summary.errors) errors, \(o.summary.warnings) warnings):\n"
            for i in ordered.prefix(showIssues) { out += "  \(i)\n" }
            if ordered.count > showIssues {
                out += "  … and \(ordered.count - showIssues) more" + (errorsFile.map { " (all in \($0))" } ?? " (--errors FILE writes them all)") + "\n"
            }
            let counted = o.summary.errors + o.summary.warnings
            if o.issues.count >= ImportReport.keptIssues && counted > o.issues.count {
                out += "  (\(counted - o.issues.count) issues beyond the first \(ImportReport.keptIssues) are counted but not listed)\n"
            }
        }
        let s = o.summary
        out += "summary: \(s.rowsRead) read, \(o.loaded) loaded, \(s.rejected) rejected, "
            + "\(s.skippedNonImaging + s.skippedUnrecognised + s.skippedExactDuplicates) skipped "
            + "(\(s.skippedNonImaging) not imaging, \(s.skippedUnrecognised) no modality, \(s.skippedExactDuplicates) exact duplicates), "
            + "\(s.warnings) warnings\n"
        switch o.status {
        case .failed:
            out += "result: FAILED, nothing written (\(s.errors) errors)\n"
            return out
        default: break
        }
        out += "register: \(o.added) added, \(o.updated) updated, \(o.unchanged) unchanged, \(o.missing) missing"
            + (o.missing > 0 ? (o.retired > 0 ? " (\(o.retired) retired)" : " (kept; --retire-missing retires them)") : "") + "\n"
        if !o.missingTags.isEmpty {
            out += "missing: \(o.missingTags.joined(separator: ", "))\(o.missing > o.missingTags.count ? ", …" : "")\n"
        }
        if !o.sitesCreated.isEmpty { out += "sites created: \(o.sitesCreated.joined(separator: ", "))\n" }
        if o.duplicates > 0 { out += "duplicate devices: \(o.duplicates) (listed above as duplicate_device)\n" }
        if o.rejectsStored > 0 { out += "rejected rows kept in asset_reject: \(o.rejectsStored)\n" }
        let rate = String(format: "%.1f s, %@ rows/s", o.seconds, grouped(Int(o.rowsPerSecond)))
        switch o.status {
        case .loaded: out += "result: \(o.changes) changes, batch \(o.batchID.map(String.init) ?? "?") recorded (\(rate))\n"
        case .unchanged:
            out += "result: 0 changes" + (o.identicalToBatch.map { " (identical to batch \($0))" } ?? "") + "; nothing recorded (\(rate))\n"
        case .dryRun: out += "result: dry run, nothing written: would make \(o.changes) changes (\(rate))\n"
        case .failed: break
        }
        return out
    }

    struct JSONIssue: Encodable {
        var file: String, row: Int, column: String, value: String, rule: String, message: String, severity: String
    }
    struct JSONColumn: Encodable { var index: Int; var header: String; var field: String?; var note: String? }
    struct JSONMapping: Encodable {
        var profile: String; var chosenAutomatically: Bool; var scores: [String: Int]
        var mapped: [JSONColumn]; var ignored: [JSONColumn]; var missing: [String]
    }
    struct JSONSummary: Encodable {
        var rowsRead, loaded, rejected, skipped, skippedNonImaging, skippedUnrecognised, skippedExactDuplicates, errors, warnings: Int
    }
    struct JSONOutcome: Encodable {
        var status: String, file: String, trust: String, sha256: String, fileBytes: Int64, format: String, encoding: String?, sheet: String?
        var mapping: JSONMapping
        var summary: JSONSummary
        var added, updated, unchanged, missing, retired, changes, rejectsStored, duplicates: Int
        var missingTags: [String]
        var sitesCreated: [String]
        var batch: Int64?
        var identicalToBatch: Int64?
        var seconds: Double
        var rowsPerSecond: Int
        var issues: [JSONIssue]
    }

    static func json(_ o: ImportOutcome) throws -> String {
        let m = o.mapping, s = o.summary
        let doc = JSONOutcome(
            status: o.status.rawValue, file: o.file, trust: o.trust, sha256: o.sha256, fileBytes: o.fileBytes, format: o.format.rawValue,
            encoding: o.encoding?.rawValue, sheet: o.sheet,
            mapping: JSONMapping(profile: m.profile, chosenAutomatically: m.chosenAutomatically,
                                 scores: Dictionary(m.scores.map { ($0.profile, $0.matched) }, uniquingKeysWith: { a, _ in a }),
                                 mapped: m.mapped.map { JSONColumn(index: $0.index + 1, header: $0.header, field: $0.field?.rawValue, note: $0.note) },
                                 ignored: m.ignored.map { JSONColumn(index: $0.index + 1, header: $0.header, field: nil, note: $0.note) },
                                 missing: m.missing.map(\.rawValue)),
            summary: JSONSummary(rowsRead: s.rowsRead, loaded: o.loaded, rejected: s.rejected,
                                 skipped: s.skippedNonImaging + s.skippedUnrecognised + s.skippedExactDuplicates,
                                 skippedNonImaging: s.skippedNonImaging, skippedUnrecognised: s.skippedUnrecognised,
                                 skippedExactDuplicates: s.skippedExactDuplicates, errors: s.errors, warnings: s.warnings),
            added: o.added, updated: o.updated, unchanged: o.unchanged, missing: o.missing, retired: o.retired, changes: o.changes,
            rejectsStored: o.rejectsStored, duplicates: o.duplicates, missingTags: o.missingTags, sitesCreated: o.sitesCreated,
            batch: o.batchID, identicalToBatch: o.identicalToBatch, seconds: (o.seconds * 1000).rounded() / 1000,
            rowsPerSecond: Int(o.rowsPerSecond),
            issues: o.issues.map { JSONIssue(file: $0.file, row: $0.row, column: $0.column, value: $0.value, rule: $0.rule.rawValue,
                                             message: $0.message, severity: $0.severity.rawValue) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(doc), as: UTF8.self)
    }
}
