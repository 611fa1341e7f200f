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
    /// Columns holding an amount of pounds as plain text (`1234.50`): the table shows `£1,234.50`, right-aligned;
    /// CSV and JSON keep the plain text, exact.
    package let moneyColumns: Set<String>
    /// Columns holding a fraction (`0.5644839…`): the table shows a percentage with ``percentDecimals`` decimals
    /// (`56.45%`), right-aligned; CSV and JSON keep the fraction as given, exact.
    package let percentColumns: Set<String>
    /// Decimals of the percentages in the table (2 by default; shares of a call use 4).
    package let percentDecimals: Int
    /// Columns the table leaves out, in this order, while it is wider than ``lineWidth`` (CSV and JSON keep them).
    package let optionalColumns: [String]
    /// Free-text columns the table may cut to fit ``lineWidth`` (their cells end in "…"; never below 16 characters).
    package let trimmableColumns: Set<String>
    /// Shorter headings the table shows for some columns (CSV and JSON keep the column names).
    package let tableTitles: [String: String]

    /// Creates a listing from its parts.
    package init(columns: [String], rows: [[String?]] = [], numericColumns: Set<String> = [],
                 moneyColumns: Set<String> = [], percentColumns: Set<String> = [], percentDecimals: Int = 2,
                 optionalColumns: [String] = [], trimmableColumns: Set<String> = [], tableTitles: [String: String] = [:]) {
        self.columns = columns; self.rows = rows; self.numericColumns = numericColumns
        self.moneyColumns = moneyColumns; self.percentColumns = percentColumns; self.percentDecimals = percentDecimals
        self.optionalColumns = optionalColumns; self.trimmableColumns = trimmableColumns; self.tableTitles = tableTitles
    }

    /// The listing in `format`, ending in a newline.
    package func render(_ format: Format) -> String {
        switch format {
        case .table: return table()
        case .csv: return csv()
        case .json: return json()
        }
    }

    /// The width tables aim to fit (characters).
    package static let lineWidth = 100

    /// An aligned text table for people: header, a rule of dashes, rows, columns two spaces apart; money as
    /// `£1,234.50` and fractions as percentages, both right-aligned, counts right-aligned. Wider than
    /// ``lineWidth``, it leaves out ``optionalColumns`` and then cuts ``trimmableColumns`` (a last line says which
    /// columns CSV and JSON add).
    package func table() -> String {
        let shown = rows.map { row in row.enumerated().map { i, cell in display(cell, column: columns[i]) } }
        let headings = columns.map { tableTitles[$0] ?? $0 }
        var widths = headings.map(\.count)
        for row in shown { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func total(_ keep: [Int]) -> Int { keep.reduce(0) { $0 + widths[$1] } + 2 * max(0, keep.count - 1) }
        var keep = Array(columns.indices)
        var left: [String] = []
        for name in optionalColumns where total(keep) > Self.lineWidth {
            guard let i = columns.firstIndex(of: name), let k = keep.firstIndex(of: i) else { continue }
            keep.remove(at: k); left.append(name)
        }
        while total(keep) > Self.lineWidth,
              let i = keep.filter({ trimmableColumns.contains(columns[$0]) && widths[$0] > max(16, headings[$0].count) })
                  .max(by: { widths[$0] < widths[$1] }) {
            widths[i] -= 1
        }
        let right = columns.map { moneyColumns.contains($0) || percentColumns.contains($0) || numericColumns.contains($0) }
        func line(_ cells: [String]) -> String {
            var text = keep.map { i in
                var c = cells[i]
                if c.count > widths[i] { c = String(c.prefix(widths[i] - 1)) + "…" }
                let pad = String(repeating: " ", count: max(0, widths[i] - c.count))
                return right[i] ? pad + c : c + pad
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [line(headings), line(widths.map { String(repeating: "-", count: $0) })]
        out += shown.map(line)
        if !left.isEmpty { out.append("(\(left.joined(separator: ", ")) left out to fit; --format csv or json has every column)") }
        return out.joined(separator: "\n") + "\n"
    }

    /// A cell as the table shows it: money and fractions formatted for people, anything unparseable as given.
    func display(_ cell: String?, column: String) -> String {
        guard let cell else { return "" }
        if moneyColumns.contains(column) {
            if let pence = Pence(pounds: cell) { return pence.formatted }
            // An expected cost carries fractions of a penny: people read it to the penny.
            if cell.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
               let pounds = Decimal(string: cell, locale: Locale(identifier: "en_US_POSIX")),
               pounds.magnitude < 90_000_000_000_000 { return Pence(rounding: pounds).formatted }
            return cell
        }
        if percentColumns.contains(column) { return Self.percent(cell, decimals: percentDecimals) ?? cell }
        return cell
    }

    /// A fraction in decimal text (`0.5644839`) as a percentage rounded half away from zero (`56.45%`); nil when
    /// the text is not a decimal number.
    package static func percent(_ fraction: String, decimals: Int = 2) -> String? {
        guard !fraction.isEmpty, fraction.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }),
              let value = Decimal(string: fraction, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        var scaled = value * 100, rounded = Decimal()
        NSDecimalRound(&rounded, &scaled, decimals, .plain)
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.minimumFractionDigits = decimals; formatter.maximumFractionDigits = decimals
        formatter.minimumIntegerDigits = 1
        return (formatter.string(from: NSDecimalNumber(decimal: rounded)) ?? "\(rounded)") + "%"
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
