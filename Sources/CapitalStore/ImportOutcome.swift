import CapitalCore
import Foundation
import Postgres
import Register
import Spreadsheets

/// What one import did (or, for a dry run or a failed import, would have done).
public struct ImportOutcome: Sendable {
    /// How the import ended; only `loaded` leaves anything in the database.
    public enum Status: String, Sendable, Codable {
        /// Changes were written and a batch recorded.
        case loaded
        /// The file matches the register: nothing written, no batch recorded.
        case unchanged
        /// Errors in the file (and no --allow-partial): nothing written.
        case failed
        /// --dry-run: everything counted, nothing written.
        case dryRun = "dry_run"
    }

    /// How the import ended.
    public var status: Status
    /// The file's name (its last path component), as recorded in the batch.
    public let file: String
    /// The trust's ODS code.
    public let trust: String
    /// The file's SHA-256 in lower-case hex, set once the whole file has been read.
    public var sha256: String
    /// The file's size in bytes.
    public let fileBytes: Int64
    /// CSV or XLSX.
    public let format: RegisterReader.Format
    /// For a CSV, the text encoding detected; nil for XLSX.
    public var encoding: TextEncoding?
    /// For XLSX, the worksheet read; nil for CSV.
    public let sheet: String?
    /// The mapping profile used and what it did with each column.
    public let mapping: MappingReport
    /// The row counts: read, valid, rejected, skipped by reason, warnings.
    public var summary: ImportSummary
    /// Row-level errors and warnings, including duplicate devices found against the register.
    public var issues: [ValidationIssue]
    /// Each skipped row (not imaging, no modality recognised, an exact repeat) and why, up to
    /// ``ImportReport/keptIssues`` of them: the `--errors` file lists them (issue 15).
    public var skips: [(row: Int, reason: SkipReason)] = []
    /// Valid rows staged for the register (added + updated + unchanged once merged).
    public var loaded = 0
    /// Asset tags new to the trust's register (a dry run counts what would be added).
    public var added = 0
    /// Register rows whose canonical columns changed, or retired assets that came back.
    public var updated = 0
    /// Staged rows that matched the register exactly.
    public var unchanged = 0
    /// The trust's active assets that are not in the file, and how many of them were retired.
    public var missing = 0
    /// How many of the missing assets were retired (`retireMissing`; their rows are marked retired, never deleted).
    public var retired = 0
    /// Up to 50 of the missing asset tags, for the report.
    public var missingTags: [String] = []
    /// Rejected rows kept in `asset_reject` (--allow-partial).
    public var rejectsStored = 0
    /// Codes of the sites the import created because the file named them, sorted.
    public var sitesCreated: [String] = []
    /// Duplicate devices found against the register (warnings also listed in `issues`).
    public var duplicates = 0
    /// The `import_batch` row recorded; nil when nothing was kept (failed, unchanged or a dry run).
    public var batchID: Int64?
    /// For an unchanged import: the latest earlier batch of this trust with the same file hash.
    public var identicalToBatch: Int64?
    /// Wall-clock seconds the import took.
    public var seconds: Double = 0
    /// Which list the file was: CMMS (assets) or finance (finance records; see ``FinanceCounts``).
    public var sourceKind: SourceKind = .cmms
    /// A finance file's records: added, updated, unchanged (nil for a CMMS file).
    public var finance: FinanceCounts?

    /// Register changes: rows added, updated and retired.
    public var changes: Int { added + updated + retired + (finance?.changes ?? 0) }
    /// Rows read per second of the whole import (0 before it has taken any time).
    public var rowsPerSecond: Double { seconds > 0 ? Double(summary.rowsRead) / seconds : 0 }
}

/// One recorded import (an `import_batch` row): only imports that changed the register are recorded.
public struct ImportBatch: Sendable, Codable, Equatable {
    /// The batch's id, which assets and rejects point at.
    public let id: Int64
    /// The trust's ODS code.
    public let trust: String
    /// The file's name as imported.
    public let file: String
    /// The file's SHA-256 in lower-case hex.
    public let sha256: String
    /// The name of the mapping profile used.
    public let profile: String
    /// Data rows read from the file.
    public let rowsRead: Int
    /// Valid rows staged for the register.
    public let rowsLoaded: Int
    /// Rows rejected with errors.
    public let rowsRejected: Int
    /// Rows skipped: not imaging, no modality recognised, or exact repeats of an earlier row.
    public let rowsSkipped: Int
    /// Assets added to the register.
    public let added: Int
    /// Assets updated (or brought back from retirement).
    public let updated: Int
    /// Staged rows that matched the register exactly.
    public let unchanged: Int
    /// The trust's active assets the file did not mention.
    public let missing: Int
    /// Missing assets retired by this import.
    public let retired: Int
    /// Who imported it: ``ImportOptions/user`` when given, else the database user.
    public let importedBy: String
    /// When, in UTC (`YYYY-MM-DDTHH:MM:SSZ`).
    public let importedAt: Timestamp
}
