import CapitalCore
import Foundation
import Postgres

/// One row of the audit trail (sql/0047): who changed which row of which table, when, from what to what.
public struct AuditEntry: Sendable, Equatable {
    /// The entry's number, in the order entries were written.
    public let id: Int64
    /// When the change was made (its transaction's time), UTC.
    public let at: Timestamp
    /// The role that logged in (session_user).
    public let who: String
    /// The table changed.
    public let table: String
    /// `INSERT`, `UPDATE`, `DELETE` or `TRUNCATE`.
    public let action: String
    /// The row's primary key as JSON (for asset's summarised inserts: the id range and count).
    public let key: String?
    /// The ODS code of the row's trust, where the row has one.
    public let trust: String?
    /// The old values of the changed columns as JSON (every column for a delete).
    public let oldValues: String?
    /// The new values of the changed columns as JSON (every column for an insert).
    public let newValues: String?
}

/// Reads `audit_log` for `capital audit`. Row-level security decides what a user sees: admins and the board
/// everything, a trust's users their own trust's rows.
public struct AuditStore {
    let connection: Connection

    /// Reads through `connection`, with its user's rights.
    public init(_ connection: Connection) { self.connection = connection }

    /// Entries, oldest first, filtered by trust (ODS code, any network), start date and table; at most `limit`.
    public func entries(trust: String? = nil, since: CalendarDate? = nil, table: String? = nil, limit: Int = 1_000) throws -> [AuditEntry] {
        let since = since.map(\.iso)
        let code = trust?.uppercased()
        return try connection.query("""
            SELECT a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, a.who, a.table_name, a.action,
                   a.row_key::text AS row_key, t.ods_code, a.old_values::text AS old_values, a.new_values::text AS new_values
            FROM audit_log a LEFT JOIN trust t ON t.id = a.trust_id
            WHERE (\(code)::text IS NULL OR t.ods_code = \(code))
              AND (\(since)::date IS NULL OR a.at >= \(since)::date)
              AND (\(table)::text IS NULL OR a.table_name = \(table))
            ORDER BY a.id
            LIMIT \(limit)
            """).map {
            AuditEntry(id: try $0.decode("id"), at: try $0.decode("at"), who: try $0.decode("who"),
                       table: try $0.decode("table_name"), action: try $0.decode("action"),
                       key: try $0.decode("row_key", as: String?.self), trust: try $0.decode("ods_code", as: String?.self),
                       oldValues: try $0.decode("old_values", as: String?.self),
                       newValues: try $0.decode("new_values", as: String?.self))
        }
    }

    /// The listing for `capital audit`.
    package static func table(_ entries: [AuditEntry]) -> Tabular {
        Tabular(columns: ["id", "at", "who", "table", "action", "trust", "key", "old_values", "new_values"],
                rows: entries.map { [String($0.id), $0.at.iso, $0.who, $0.table, $0.action, $0.trust, $0.key, $0.oldValues, $0.newValues] },
                numericColumns: ["id"], optionalColumns: ["old_values", "key", "trust"],
                trimmableColumns: ["old_values", "new_values", "key"])
    }
}
