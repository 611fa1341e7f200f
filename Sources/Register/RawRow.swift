import CapitalCore
/// One data row exactly as the file held it: the file's headers, the row's values as text, and the
/// physical row number where the record starts (the header is row 1 in a CSV; in XLSX the sheet's row number).
///
/// Nothing is interpreted here: every value, identifiers included, stays text, so a serial such as
/// `0189F27741` survives intact. Headers are shared between rows (copy-on-write), so a row costs its values only.
public struct RawRow: Sendable, Equatable {
    /// The physical row number where this record starts, for error reports.
    public let rowNumber: Int
    /// The file's header cells, in file order (shared by every row of the file).
    public let headers: [String]
    /// The row's cells in file order; may be shorter or longer than `headers` in a malformed file.
    public var values: [String]

    public init(rowNumber: Int, headers: [String], values: [String]) {
        self.rowNumber = rowNumber
        self.headers = headers
        self.values = values
    }

    /// The value in column `index`, or "" when the row is shorter than that.
    @inline(__always) public func value(at index: Int) -> String {
        index < values.count ? values[index] : ""
    }

    /// Ordered (header, value) pairs; values beyond the header get the names `column N`.
    public var pairs: [(header: String, value: String)] {
        var out: [(header: String, value: String)] = []
        out.reserveCapacity(max(headers.count, values.count))
        for i in 0..<max(headers.count, values.count) {
            let h = i < headers.count ? headers[i] : "column \(i + 1)"
            out.append((h, value(at: i)))
        }
        return out
    }

    /// The row as a JSON object text (for a `jsonb` column). Keys keep file order; a repeated header
    /// gets a suffix (` (2)`, ` (3)`) so no value is lost when PostgreSQL keeps only the last duplicate key.
    public var jsonText: String {
        var seen: [String: Int] = [:]
        var out = "{"
        for (i, pair) in pairs.enumerated() {
            var key = pair.header
            if let n = seen[key] { seen[key] = n + 1; key += " (\(n + 1))" } else { seen[key] = 1 }
            if i > 0 { out += "," }
            JSONText.appendString(key, to: &out)
            out += ":"
            JSONText.appendString(pair.value, to: &out)
        }
        return out + "}"
    }
}

/// Minimal JSON string escaping (RFC 8259).
enum JSONText {
    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

/// A streaming source of raw rows: the header row first (already read), then one row per call.
///
/// Implemented by the CSV and XLSX readers; memory stays bounded by one chunk and one row.
public protocol RowSource: AnyObject {
    /// The header cells (trimmed), in file order.
    var headers: [String] { get }
    /// The next data row, or `nil` at the end of the file. Blank rows are skipped.
    func nextRow() throws -> RawRow?
}
