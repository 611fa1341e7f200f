import CapitalCore
import Foundation
import Postgres
import Register

/// One import batch as `capital import list` and `show` print it (sql/0001, 0002, 0050).
public struct ImportBatchRecord: Sendable, Encodable {
    /// The batch's id.
    public let id: Int64
    /// The trust's ODS code.
    public let trust: String
    /// The file's name, its SHA-256 and size in bytes.
    public let file: String
    /// The file's SHA-256, in hex.
    public let sha256: String
    /// The file's size in bytes (nil for batches from before it was kept).
    public let fileBytes: Int64?
    /// The mapping profile's name, the worksheet read (XLSX), the header's row and whether `--header-row` gave it.
    public let profile: String
    /// The worksheet read (XLSX); nil for CSV.
    public let sheet: String?
    /// The header's row in the file (nil for batches from before it was kept).
    public let headerRow: Int?
    /// Whether `--header-row` gave the header's row (else it was found).
    public let headerRowGiven: Bool
    /// The mapping used: each canonical field and the header it was read from (after any `--map`), in field order.
    public let mapping: [MappedField]
    /// The `--map FIELD=HEADER` options given, as given.
    public let mapOptions: [String]
    /// When and by whom: the database identity (the login; for batches imported before it was kept, the name below),
    /// and the user name on the computer that ran the import.
    public let importedAt: Timestamp
    /// The database identity that imported it (the login; for older batches, the name capital was given).
    public let importedBy: String
    /// The user name on the computer that ran the import.
    public let osUser: String
    /// Whether the import kept its valid rows only (`--allow-partial`).
    public let partial: Bool
    /// Rows read, loaded, rejected and skipped; assets added, updated, unchanged, retired; active assets the file lacked.
    public let rowsRead: Int
    /// Rows loaded into the register (added, updated or unchanged).
    public let loaded: Int
    /// Rows rejected (kept only with `--allow-partial`).
    public let rejected: Int
    /// Rows skipped: not imaging, no recognisable modality, exact repeats.
    public let skipped: Int
    /// Assets the batch added to the register.
    public let added: Int
    /// Assets whose values the batch changed.
    public let updated: Int
    /// Assets the file listed as the register already had them.
    public let unchanged: Int
    /// Assets the batch retired (`--retire-missing`).
    public let retired: Int
    /// Active assets the file did not list.
    public let missing: Int
    /// Sites the import created.
    public let sitesCreated: Int
    /// When and by whom the batch was undone (`capital import undo`); nil while it stands.
    public let undoneAt: Timestamp?
    /// Who undid the batch (the login); nil while it stands.
    public let undoneBy: String?
}

/// One canonical field of a batch's mapping and the file's header it was read from.
public struct MappedField: Sendable, Encodable, Equatable {
    /// The canonical field.
    public let field: String
    /// The file's header it was read from.
    public let header: String
}

/// A rejected or skipped row of a batch, one line per issue: what `capital import rejects` exports.
public struct ImportRejectLine: Sendable, Equatable {
    /// The row's number in the file, the column and value at fault, the rule, the message and `error`, `warning` or `skipped`.
    public let row: Int
    /// The column at fault (empty when no one column is).
    public let column: String
    /// The value at fault, as written.
    public let value: String
    /// The rule broken, or the kind of skip.
    public let rule: String
    /// What is wrong, in words.
    public let message: String
    /// `error`, `warning` or `skipped`.
    public let severity: String
}

/// What `capital import undo` did.
public struct ImportUndoOutcome: Sendable, Encodable {
    /// The batch undone and its trust.
    public let batch: Int64
    /// The trust's ODS code.
    public let trust: String
    /// Assets the batch had added, now removed; sites it had created that no asset uses any more, removed.
    public let removed: Int, sitesRemoved: Int
    /// Assets it had updated, back to their prior values; assets it had retired, active again.
    public let restored: Int, unretired: Int
}

/// The import history (`capital import list | show | rejects | undo`). Reads and writes with the connection's
/// user's rights: row-level security shows a trust's user only their own trust's batches, and lets them undo only those.
public struct ImportHistory {
    let connection: Connection

    /// Works through `connection`, with its user's rights.
    public init(_ connection: Connection) { self.connection = connection }

    /// The batches of `network` (of one trust when `trust` is given), newest first.
    public func list(network: Network, trust: String? = nil) throws -> [ImportBatchRecord] {
        let code = trust?.uppercased()
        if let code, try connection.queryFirst("SELECT 1 FROM trust WHERE network_id = \(network.id) AND ods_code = \(code)") == nil {
            throw UserError("no trust \(code) in network \"\(network.name)\"")
        }
        return try records(network: network.id, trust: code, id: nil)
    }

    /// Batch `id`; a user error if there is none this user may see.
    public func batch(_ id: Int64) throws -> ImportBatchRecord {
        guard let found = try records(network: nil, trust: nil, id: id).first else { throw try notFound(id) }
        return found
    }

    func records(network: Int64?, trust: String?, id: Int64?) throws -> [ImportBatchRecord] {
        try connection.query("""
            SELECT b.id, t.ods_code, b.file_name, b.sha256, b.file_bytes, b.profile, b.sheet, b.header_row, b.header_row_given,
                   coalesce(b.mapping, '{}')::text AS mapping, array_to_json(b.map_options)::text AS map_options, b.partial,
                   to_char(b.imported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS imported_at,
                   coalesce(b.imported_as, b.imported_by) AS imported_as, b.imported_by,
                   b.rows_read, b.rows_loaded, b.rows_rejected, b.rows_skipped, b.added, b.updated, b.unchanged, b.retired,
                   b.missing, b.sites_created, b.undone_by,
                   to_char(b.undone_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS undone_at
            FROM import_batch b JOIN trust t ON t.id = b.trust_id
            WHERE (\(network)::bigint IS NULL OR t.network_id = \(network)) AND (\(trust)::text IS NULL OR t.ods_code = \(trust))
              AND (\(id)::bigint IS NULL OR b.id = \(id))
            ORDER BY b.id DESC
            """).map(Self.record)
    }

    /// The rejected and skipped rows of batch `id`, in row order, one line per issue.
    public func rejects(_ id: Int64) throws -> [ImportRejectLine] {
        _ = try batch(id)
        return try connection.query("""
            SELECT r.row_number, i ->> 'column' AS col, i ->> 'value' AS val, i ->> 'rule' AS rule, i ->> 'message' AS message,
                   i ->> 'severity' AS severity
            FROM asset_reject r CROSS JOIN LATERAL jsonb_array_elements(r.issues) WITH ORDINALITY AS x (i, n)
            WHERE r.batch_id = \(id)
            ORDER BY r.row_number, r.id, x.n
            """).map {
            ImportRejectLine(row: try $0.decode("row_number"), column: try $0.decode("col", as: String?.self) ?? "",
                             value: try $0.decode("val", as: String?.self) ?? "", rule: try $0.decode("rule", as: String?.self) ?? "",
                             message: try $0.decode("message", as: String?.self) ?? "",
                             severity: try $0.decode("severity", as: String?.self) ?? "")
        }
    }

    func notFound(_ id: Int64) throws -> UserError {
        let who: String = try connection.scalar("SELECT capital_whoami()")
        return UserError("no import batch \(id) that \(who) can see (capital import list shows them)")
    }

    static func record(_ r: Row) throws -> ImportBatchRecord {
        let mappingText: String = try r.decode("mapping")
        let fields = (try? JSONSerialization.jsonObject(with: Data(mappingText.utf8)) as? [String: String]) ?? [:]
        let order = Dictionary(uniqueKeysWithValues: CanonicalField.allCases.enumerated().map { ($1.rawValue, $0) })
        let mapping = fields.map { MappedField(field: $0.key, header: $0.value) }
            .sorted { (order[$0.field] ?? .max, $0.field) < (order[$1.field] ?? .max, $1.field) }
        return ImportBatchRecord(
            id: try r.decode("id"), trust: try r.decode("ods_code"), file: try r.decode("file_name"), sha256: try r.decode("sha256"),
            fileBytes: try r.decode("file_bytes", as: Int64?.self), profile: try r.decode("profile"),
            sheet: try r.decode("sheet", as: String?.self), headerRow: try r.decode("header_row", as: Int?.self),
            headerRowGiven: try r.decode("header_row_given"), mapping: mapping,
            mapOptions: (try? JSONSerialization.jsonObject(with: Data((try r.decode("map_options", as: String.self)).utf8)) as? [String]) ?? [],
            importedAt: try r.decode("imported_at"), importedBy: try r.decode("imported_as"),
            osUser: try r.decode("imported_by"), partial: try r.decode("partial"),
            rowsRead: try r.decode("rows_read"), loaded: try r.decode("rows_loaded"), rejected: try r.decode("rows_rejected"),
            skipped: try r.decode("rows_skipped"), added: try r.decode("added"), updated: try r.decode("updated"),
            unchanged: try r.decode("unchanged"), retired: try r.decode("retired"), missing: try r.decode("missing"),
            sitesCreated: try r.decode("sites_created"), undoneAt: try r.decode("undone_at", as: Timestamp?.self),
            undoneBy: try r.decode("undone_by", as: String?.self))
    }
}
