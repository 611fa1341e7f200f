import CapitalCore

/// The counts every import prints (rows read, loaded, rejected, skipped by reason, warnings) and the
/// row-level issues behind them, so an import can never "succeed" while loading nothing unnoticed.
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    /// Data rows read, whatever became of them.
    public var rowsRead = 0
    /// Rows that became canonical assets (with or without warnings).
    public var valid = 0
    /// Rows rejected with at least one error.
    public var rejected = 0
    /// Rows skipped as not imaging equipment.
    public var skippedNonImaging = 0
    /// Rows skipped because no imaging modality was recognised.
    public var skippedUnrecognised = 0
    /// Rows skipped as exact repeats of an earlier row.
    public var skippedExactDuplicates = 0
    /// Warnings among the issues.
    public var warnings = 0
    /// Errors among the issues.
    public var errors = 0

    /// Creates a summary with every count zero.
    public init() {}

    /// One line: rows read, each outcome's count, then errors and warnings.
    public var description: String {
        "\(rowsRead) rows read: \(valid) valid, \(rejected) rejected, \(skippedNonImaging) skipped as not imaging, " +
            "\(skippedUnrecognised) skipped with no recognisable modality, \(skippedExactDuplicates) exact duplicates skipped; " +
            "\(errors) errors, \(warnings) warnings"
    }
}

/// Accumulates the outcomes of one file: the summary, the issues (errors and warnings) and the skip
/// reasons by row. Issues are kept in memory, the first ``keptIssues`` of them (a file with more is not
/// usable, and a hostile one could otherwise fill memory a row at a time); the summary counts them all.
public struct ImportReport: Sendable {
    /// The most issues, and skip reasons, kept in memory; the rest are counted only.
    public static let keptIssues = 100_000
    /// The name of the file the report is about.
    public let file: String
    /// The counts by outcome.
    public var summary = ImportSummary()
    /// Every issue (errors and warnings) in the order found, each naming file, row, column and value.
    public var issues: [ValidationIssue] = []
    /// Issues counted in the summary but not kept (beyond ``keptIssues``).
    public var issuesNotKept = 0
    /// (row, reason) for each skipped row, up to ``keptIssues`` of them.
    public var skips: [(row: Int, reason: SkipReason)] = []

    /// Creates an empty report for the file named `file`.
    public init(file: String) { self.file = file }

    /// Counts one row's outcome.
    public mutating func record(row: Int, _ outcome: RowOutcome) {
        summary.rowsRead += 1
        switch outcome {
        case .asset(_, let warnings):
            summary.valid += 1
            add(warnings)
        case .rejected(let list):
            summary.rejected += 1
            add(list)
        case .skipped(let reason):
            switch reason.kind {
            case .nonImaging: summary.skippedNonImaging += 1
            case .unrecognisedModality: summary.skippedUnrecognised += 1
            case .exactDuplicate: summary.skippedExactDuplicates += 1
            }
            if skips.count < Self.keptIssues { skips.append((row, reason)) }
            if let i = reason.issue { add([i]) }
        }
    }

    private mutating func add(_ list: [ValidationIssue]) {
        for i in list { if i.severity == .error { summary.errors += 1 } else { summary.warnings += 1 } }
        let room = Self.keptIssues - issues.count
        if list.count <= room { issues.append(contentsOf: list) } else {
            issues.append(contentsOf: list.prefix(max(0, room)))
            issuesNotKept += list.count - max(0, room)
        }
    }
}
