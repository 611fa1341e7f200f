import CapitalCore
import Foundation
import Postgres
import Register
import Spreadsheets

/// What one import did (or, for a dry run or a failed import, would have done).
public struct ImportOutcome: Sendable {
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

    public var status: Status
    public var file: String
    public var trust: String
    public var sha256: String
    public var fileBytes: Int64
    public var format: RegisterReader.Format
    public var encoding: TextEncoding?
    public var sheet: String?
    public var mapping: MappingReport
    public var summary: ImportSummary
    public var issues: [ValidationIssue]
    /// Valid rows staged for the register (added + updated + unchanged once merged).
    public var loaded = 0
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// The trust's active assets that are not in the file, and how many of them were retired.
    public var missing = 0
    public var retired = 0
    /// Up to 50 of the missing asset tags, for the report.
    public var missingTags: [String] = []
    /// Rejected rows kept in `asset_reject` (--allow-partial).
    public var rejectsStored = 0
    public var sitesCreated: [String] = []
    /// Duplicate devices found against the register (warnings also listed in `issues`).
    public var duplicates = 0
    public var batchID: Int64?
    /// For an unchanged import: the latest earlier batch of this trust with the same file hash.
    public var identicalToBatch: Int64?
    public var seconds: Double = 0

    /// Register changes: rows added, updated and retired.
    public var changes: Int { added + updated + retired }
    public var rowsPerSecond: Double { seconds > 0 ? Double(summary.rowsRead) / seconds : 0 }
}

/// One recorded import.
public struct ImportBatch: Sendable, Codable, Equatable {
    public var id: Int64
    public var trust: String
    public var file: String
    public var sha256: String
    public var profile: String
    public var rowsRead: Int
    public var rowsLoaded: Int
    public var rowsRejected: Int
    public var rowsSkipped: Int
    public var added: Int
    public var updated: Int
    public var unchanged: Int
    public var missing: Int
    public var retired: Int
    public var importedBy: String
    public var importedAt: String
}
