import CapitalCore
import Foundation
import Postgres
import Register

/// Loads trust asset registers into the database: the Register pipeline reads and normalises the
/// file (streaming), rows are COPYed (binary) into a temporary staging table, then merged set-based
/// into `asset`, all in one transaction per import, serialised per trust by an advisory lock. A
/// trust's first import, which has nothing to merge with, COPYs its rows straight into `asset`.
///
/// The merge is keyed by (trust, asset tag): a staged row whose canonical columns differ from the
/// register's (or whose asset was retired) updates it; a new tag is added; a register row of the
/// trust that the file does not mention is "missing" and is retired only with `retireMissing`.
/// The raw row is stored with each write but a change in it alone (e.g. "£1,000" → "1000") is not
/// an update. An import that changes nothing records nothing.
public struct RegisterStore {
    /// The connection every read and write goes through (writes in their own transactions).
    public let connection: Connection
    /// A store over `connection` (whose schema is up to date: see ``Database/open(_:migrationsDirectory:)``).
    public init(_ connection: Connection) { self.connection = connection }

    static let lockBase: Int64 = 0x494D_0000_0000 // "IM"

    /// Imports `file` for `trustCode` of `network`.
    ///
    /// The file is opened and its profile chosen first; then, in one transaction, the phases of
    /// ``ImportRun`` (read and stage, duplicates, merge, missing, rejects, record) run in order.
    public func importRegister(file: URL, network: Network, trustCode: String, importers: ProfileLibrary,
                               options: ImportOptions = ImportOptions(),
                               progress: ((ImportTick) -> Void)? = nil) throws -> ImportOutcome {
        let trust = try NetworkStore(connection).trust(network: network, code: trustCode)
        let clock = ImportClock()
        let source = try ImportSource(file: file, trust: trust, importers: importers, options: options)
        do {
            return try connection.transaction { c -> ImportOutcome in
                let run = try ImportRun.begin(source: source, trust: trust, network: network, options: options,
                                              progress: progress, clock: clock, connection: c)
                return try run.run()
            }
        } catch let rollback as Rollback {
            return rollback.outcome
        }
    }

    /// The import batches of a trust (or of every trust of the network), newest first.
    public func batches(network: Network, trustCode: String? = nil) throws -> [ImportBatch] {
        try connection.query("""
            SELECT b.id, t.ods_code, b.file_name, b.sha256, b.profile, b.rows_read, b.rows_loaded, b.rows_rejected, b.rows_skipped,
                   b.added, b.updated, b.unchanged, b.missing, b.retired, b.imported_by,
                   to_char(b.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS imported_at
            FROM import_batch b JOIN trust t ON t.id = b.trust_id
            WHERE t.network_id = \(network.id) AND (\(trustCode?.uppercased())::text IS NULL OR t.ods_code = \(trustCode?.uppercased()))
            ORDER BY b.id DESC
            """).map { r in
            ImportBatch(id: try r.decode("id"), trust: try r.decode("ods_code"), file: try r.decode("file_name"), sha256: try r.decode("sha256"),
                        profile: try r.decode("profile"), rowsRead: try r.decode("rows_read"), rowsLoaded: try r.decode("rows_loaded"),
                        rowsRejected: try r.decode("rows_rejected"), rowsSkipped: try r.decode("rows_skipped"), added: try r.decode("added"),
                        updated: try r.decode("updated"), unchanged: try r.decode("unchanged"), missing: try r.decode("missing"),
                        retired: try r.decode("retired"), importedBy: try r.decode("imported_by"), importedAt: try r.decode("imported_at"))
        }
    }

    struct Rollback: Error { let outcome: ImportOutcome }
}
