import Foundation

/// Rows of text cells that a listing command prints as an aligned table, CSV or JSON.
///
/// CSV follows RFC 4180 and defuses spreadsheet formulas (see ``CSVWriter``), so opening the file
/// in Excel runs nothing.
/// JSON is an array of objects keyed by column name, with nulls for empty optional cells.
package struct Tabular: Sendable {
    /// The output forms a listing command offers (`--format table|csv|json`).
    package enum Format: String, CaseIterable, Sendable {
        case table, csv, json
    }

    /// Column names: the table and CSV header, the JSON keys.
    package let columns: [String]
    /// Cells row by row, one per column; `nil` is an empty cell (JSON `null`).
    package let rows: [[String?]]
    /// Columns whose JSON values are numbers rather than strings (counts, not money).
    package let numericColumns: Set<String>

    /// Creates a listing from its parts.
    package init(columns: [String], rows: [[String?]] = [], numericColumns: Set<String> = []) {
        self.columns = columns
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// The listing in `format`, ending in a newline.
    package func render(_ format: Format) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// An aligned text table: header, a rule of dashes, rows, columns two spaces apart.
    package func table() -> String {
        var widths = columns.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], (cell ?? "").count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                i == cells.count - 1 ? c : c.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        var out = [line(columns), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map { line($0.map { $0 ?? "" }) }
        return out.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 CSV with a header line, formula-looking cells defused, CRLF line endings.
    package func csv() -> String {
        CSVWriter.document(header: columns, rows: rows.map { $0.map { $0 ?? "" } })
    }

    /// One CSV cell: quoted when needed, formula-looking text defused (see ``CSVWriter``).
    package static func csvCell(_ value: String) -> String { CSVWriter.cell(value) }

    /// A pretty-printed JSON array of objects keyed by column name, keys sorted, empty cells `null`.
    package func json() -> String {
        let objects: [[String: Any]] = rows.map { row in
            var object: [String: Any] = [:]
            for (i, name) in columns.enumerated() {
                guard let cell = row[i] else { object[name] = NSNull(); continue }
                if numericColumns.contains(name), let n = Int(cell) { object[name] = n } else { object[name] = cell }
            }
            return object
        }
        let data = try! JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
