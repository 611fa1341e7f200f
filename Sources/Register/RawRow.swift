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
    public let values: [String]

    /// Creates a row from its parts.
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
        var out: [UInt8] = []
        RawRowJSON(headers: headers).append(self, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// Writes rows of one file as JSON object text (see ``RawRow/jsonText``) into a byte buffer, with the
/// object keys (`"header":`, repeated headers suffixed) encoded once per file rather than once per row.
package final class RawRowJSON {
    /// The headers the keys are made from (replaced when a row of another file arrives).
    package private(set) var headers: [String]
    // Touched per cell by one thread (see Normaliser): no runtime exclusivity checks.
    /// `"key":` as UTF-8, for column i (keys beyond the header are `column N`), built as needed.
    @exclusivity(unchecked) private var keys: [[UInt8]] = []
    @exclusivity(unchecked) private var seen: [String: Int] = [:]

    /// Creates a writer for rows with these headers.
    package init(headers: [String]) { self.headers = headers }

    private func key(_ i: Int) -> [UInt8] {
        while keys.count <= i {
            let j = keys.count
            var key = j < headers.count ? headers[j] : "column \(j + 1)"
            if let n = seen[key] { seen[key] = n + 1; key += " (\(n + 1))" } else { seen[key] = 1 }
            var bytes: [UInt8] = []
            JSONText.appendString(key, to: &bytes)
            bytes.append(0x3A) // :
            keys.append(bytes)
        }
        return keys[i]
    }

    /// Appends `row` as a JSON object to `out`.
    package func append(_ row: RawRow, to out: inout [UInt8]) {
        if row.headers != headers { headers = row.headers; keys.removeAll(); seen.removeAll() } // another file's rows
        out.append(0x7B) // {
        let n = max(headers.count, row.values.count)
        for i in 0..<n {
            if i > 0 { out.append(0x2C) } // ,
            out.append(contentsOf: key(i))
            if i < row.values.count {
                var v = row.values[i]
                v.withUTF8 { JSONText.appendString(UnsafeRawBufferPointer($0), to: &out) }
            } else {
                out.append(0x22); out.append(0x22) // ""
            }
        }
        out.append(0x7D) // }
    }
}

/// Minimal JSON string escaping (RFC 8259), shared by the raw-row JSON and the import's issue lists.
package enum JSONText {
    /// `s` as a quoted JSON string.
    package static func quoted(_ s: String) -> String {
        var out = ""
        appendString(s, to: &out)
        return out
    }

    static func appendString(_ s: String, to out: inout String) {
        var bytes: [UInt8] = []
        var s = s
        s.withUTF8 { appendString(UnsafeRawBufferPointer($0), to: &bytes) }
        out += String(decoding: bytes, as: UTF8.self)
    }

    static func appendString(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { appendString(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// Appends UTF-8 `bytes` as a quoted JSON string: `"` and `\` escaped, control characters as
    /// `\n`, `\r`, `\t` or `\u00XX`; every other byte (multi-byte UTF-8 included) as is. NUL becomes `\ufffd`
    /// (the replacement character): PostgreSQL's `jsonb` refuses `\u0000`, and a rejected row holding one must
    /// still be kept.
    static func appendString(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(0x22)
        var clean = 0 // start of the run of bytes that need no escaping
        func flushRun(_ end: Int) {
            if end > clean { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[clean..<end])) }
        }
        for i in 0..<bytes.count {
            let b = bytes[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C { continue }
            flushRun(i)
            clean = i + 1
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x00: out.append(contentsOf: [0x5C, 0x75, 0x66, 0x66, 0x66, 0x64]) // \ufffd
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
            }
        }
        flushRun(bytes.count)
        out.append(0x22)
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
