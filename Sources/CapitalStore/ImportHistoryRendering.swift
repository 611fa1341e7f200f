import CapitalCore
import Foundation
import Register
import Spreadsheets

/// What `capital import list | show | rejects | undo` print.
extension ImportHistory {
    /// The listing for `capital import list`, newest first. For people (the table) the time is to the minute and
    /// undone batches are named under it; CSV and JSON keep ISO 8601 times and an `undone_at` column.
    package static func table(_ batches: [ImportBatchRecord], forPeople: Bool = false) -> Tabular {
        Tabular(columns: ["id", "trust", "file", "imported_at", "imported_by", "profile", "rows_read", "loaded", "added", "updated",
                          "unchanged", "rejected", "skipped", "retired", "undone_at"],
                rows: batches.map { b in
                    [String(b.id), b.trust, b.file, forPeople ? minute(b.importedAt) : b.importedAt.iso, b.importedBy, b.profile,
                     String(b.rowsRead), String(b.loaded), String(b.added), String(b.updated), String(b.unchanged), String(b.rejected),
                     String(b.skipped), String(b.retired), b.undoneAt?.iso]
                },
                numericColumns: ["id", "rows_read", "loaded", "added", "updated", "unchanged", "rejected", "skipped", "retired"],
                optionalColumns: ["undone_at", "retired", "profile", "unchanged", "loaded"],
                trimmableColumns: ["file"],
                tableTitles: ["imported_at": "when (UTC)", "imported_by": "who", "rows_read": "read", "unchanged": "same",
                              "rejected": "rejects", "undone_at": "undone"])
    }

    /// `capital import list` for people: the table, then a line for each undone batch.
    package static func listing(_ batches: [ImportBatchRecord]) -> String {
        var out = table(batches, forPeople: true).render(.table)
        for b in batches { if let at = b.undoneAt { out += "batch \(b.id) was undone on \(minute(at)) UTC by \(b.undoneBy ?? "?")\n" } }
        return out
    }

    /// `2026-12-02 09:30`: a time to the minute, for tables.
    static func minute(_ t: Timestamp) -> String {
        let iso = t.iso
        return iso.prefix(10) + " " + iso.dropFirst(11).prefix(5)
    }

    /// `capital import show` as text: the file, how it was read, who and when, the counts.
    package static func text(_ b: ImportBatchRecord) -> String {
        func n(_ v: Int) -> String { v.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB"))) }
        var lines = ["batch \(b.id): \(b.file) for \(b.trust)" + (b.undoneAt.map { ", undone on \($0.iso) by \(b.undoneBy ?? "?")" } ?? "")]
        lines.append("  imported  \(b.importedAt.iso) by \(b.importedBy)" + (b.osUser == b.importedBy ? "" : " (user \(b.osUser) on its computer)") + (b.partial ? " (--allow-partial)" : ""))
        lines.append("  file      " + (b.fileBytes.map { "\(n(Int($0))) bytes" } ?? "size not recorded") + (b.sheet.map { ", sheet \"\($0)\"" } ?? ""))
        lines.append("  sha-256   \(b.sha256)")
        lines.append("  profile   \(b.profile)")
        lines.append("  header    " + (b.headerRow.map { "row \($0)" + (b.headerRowGiven ? " (--header-row)" : " (found)") } ?? "not recorded"))
        if !b.mapOptions.isEmpty { lines.append("  --map     " + b.mapOptions.joined(separator: "; ")) }
        if b.mapping.isEmpty {
            lines.append("  mapping   not recorded (imported before capital kept it)")
        } else {
            lines.append("  mapping")
            let width = b.mapping.map(\.field.count).max() ?? 0
            for m in b.mapping { lines.append("    " + m.field.padding(toLength: width, withPad: " ", startingAt: 0) + "  <- \"\(m.header)\"") }
        }
        lines.append("  rows      \(n(b.rowsRead)) read, \(n(b.loaded)) loaded, \(n(b.rejected)) rejected, \(n(b.skipped)) skipped")
        lines.append("  register  \(n(b.added)) added, \(n(b.updated)) updated, \(n(b.unchanged)) unchanged, \(n(b.retired)) retired, "
                     + "\(n(b.missing)) missing from the file, \(n(b.sitesCreated)) sites created")
        return lines.joined(separator: "\n") + "\n"
    }

    /// `capital import show --format json`.
    package static func json(_ b: ImportBatchRecord) throws -> String { try RecordJSON.encode(b) }

    /// `capital import undo` as a sentence.
    package static func text(_ o: ImportUndoOutcome) -> String {
        "batch \(o.batch) undone: \(o.trust)'s register is as it was before it (\(o.removed) assets it added removed, "
            + "\(o.restored) it updated restored, \(o.unretired) it retired active again, \(o.sitesRemoved) sites it created removed)\n"
    }

    /// The rejected and skipped rows of a batch as a listing (`file,row,column,value,rule,message,severity`, as `--errors` writes).
    package static func table(_ lines: [ImportRejectLine], file: String) -> Tabular {
        Tabular(columns: ErrorReportWriter.header,
                rows: lines.map { [file, String($0.row), $0.column, $0.value, $0.rule, $0.message, $0.severity] },
                numericColumns: ["row"], optionalColumns: ["file", "rule"], trimmableColumns: ["message", "value", "column"])
    }

    /// The rejected and skipped rows of a batch as a workbook: one sheet, the `--errors` columns.
    package static func writeWorkbook(_ lines: [ImportRejectLine], file: String, batch: Int64, to url: URL) throws {
        let w = try XLSXWriter(url: url, sharedStrings: true)
        try w.beginSheet("Batch \(batch)")
        try w.appendHeader(ErrorReportWriter.header, widths: [24, 8, 20, 24, 22, 60, 10])
        for l in lines {
            try w.appendRow([.text(file), .number(String(l.row)), .text(l.column), .text(l.value), .text(l.rule), .text(l.message), .text(l.severity)])
        }
        try w.endSheet()
        try w.close()
    }
}
