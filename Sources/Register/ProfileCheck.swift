import CapitalCore
import Foundation

/// A register file read through a profile without a database (`capital profile check`): the mapping, the first
/// normalised rows, and the counts an import would report (rows read, loaded, rejected, skipped by reason, issues
/// by rule). It reads the file through the same ``RegisterPipeline`` as the import, so what it shows is what an
/// import would store (less what only the register knows: changes against earlier imports).
public struct ProfileCheck: Sendable {
    /// Issues of one rule and severity, counted.
    public struct IssueCount: Sendable, Equatable {
        /// The rule broken (`invalid_date`, …), its severity, how many times, and the first message.
        public let rule: String, severity: Severity, count: Int, example: String
    }

    /// The file's name.
    public let file: String
    /// What the mapping did with the file's columns.
    public let mapping: MappingReport
    /// The first rows that became assets, normalised, with their row numbers.
    public let rows: [CanonicalAsset]
    /// The counts by outcome.
    public let summary: ImportSummary
    /// The issues by rule and severity, errors first, then by count.
    public let issueCounts: [IssueCount]
    /// The first errors, naming row, column and value.
    public let firstErrors: [ValidationIssue]

    /// Rows shown when no number is given.
    public static let defaultRows = 20

    /// Reads `url` with `profile` (a name, a path or auto) from `importers`, `mapping` (`--map`) applied.
    public init(url: URL, profile: ProfileLibrary.Choice, importers: ProfileLibrary, sheet: String? = nil, mapping: [FieldMapping] = [],
                headerRow: Int? = nil, asOf: CalendarDate = .today(), rows limit: Int = ProfileCheck.defaultRows) throws {
        let pipeline = try RegisterPipeline(url: url, trust: "CHECK", profile: profile, importers: importers, sheet: sheet, asOf: asOf,
                                            prefetch: false, mapping: mapping, headerRow: headerRow)
        var rows: [CanonicalAsset] = []
        while let (_, outcome) = try pipeline.next() {
            if case .asset(let a, _) = outcome, rows.count < limit { rows.append(a) }
        }
        file = pipeline.fileName
        self.mapping = pipeline.bound.report
        self.rows = rows
        summary = pipeline.report.summary
        var counts: [String: (Severity, Int, String)] = [:]
        for i in pipeline.report.issues {
            let key = i.severity.rawValue + " " + i.rule.rawValue
            counts[key] = (i.severity, (counts[key]?.1 ?? 0) + 1, counts[key]?.2 ?? i.message)
        }
        issueCounts = counts.map { IssueCount(rule: String($0.key.split(separator: " ")[1]), severity: $0.value.0, count: $0.value.1, example: $0.value.2) }
            .sorted { a, b in a.severity != b.severity ? a.severity == .error : a.count != b.count ? a.count > b.count : a.rule < b.rule }
        firstErrors = Array(pipeline.report.issues.lazy.filter { $0.severity == .error }.prefix(10))
    }

    /// Whether an import of the file would fail: an error in any row, or no row that loads.
    public var wouldFail: Bool { summary.errors > 0 || summary.valid == 0 }
}
