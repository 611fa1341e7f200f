import CapitalCore
import Foundation

/// Text, CSV and JSON forms of saved share sets (`capital shares list|show`), so the CLI stays thin.
package enum ShareSetRendering {
    /// The saved share sets, a row each: id, version, method, valuation date, status, who approved and when, when created.
    package static func list(_ sets: [SavedShareSet]) -> Tabular {
        Tabular(columns: ["id", "version", "method", "valued_as_of", "status", "approved_by", "approved_at", "created_at"],
                rows: sets.map { [String($0.id), String($0.version), $0.method, $0.valuedAsOf.iso, $0.status.rawValue,
                                  $0.approvedBy, $0.approvedAt?.iso, $0.createdAt.iso] },
                numericColumns: ["id", "version"], optionalColumns: ["created_at", "approved_at"], trimmableColumns: ["approved_by"])
    }

    /// One share set in `format`: JSON is the whole record; CSV a row per trust (value, share, percent); the table
    /// is a line saying its version, method, valuation date and status above the same rows.
    package static func shareSet(_ set: SavedShareSet, format: Tabular.Format) throws -> String {
        if format == .json { return try RecordJSON.encode(set) }
        let header = format == .table
            ? "share set \(set.id), version \(set.version): \(set.method), valued as of \(set.valuedAsOf), \(set.status)"
                + (set.approvedBy.map { " by \($0) at \(set.approvedAt?.iso ?? "")" } ?? "") + "\n"
            : ""
        // People read the rounded percentages (they sum to exactly 100.00); files keep the exact share as well.
        if format == .table {
            return header + Tabular(columns: ["trust", "value", "percent"],
                                    rows: set.entries.map { [$0.trust, $0.value?.plain, $0.percent + "%"] },
                                    numericColumns: ["percent"], moneyColumns: ["value"]).table()
        }
        return Tabular(columns: ["trust", "value", "share", "percent"],
                       rows: set.entries.map { [$0.trust, $0.value?.plain, $0.share, $0.percent] }).render(format)
    }
}
