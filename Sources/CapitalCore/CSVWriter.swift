/// Writes RFC 4180 CSV that is safe to open in a spreadsheet.
///
/// Every cell is first defused against formula injection: a cell whose text starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading apostrophe (`'`), so Excel and LibreOffice show
/// it as text instead of running it. The one exception is a plain number (`-12`, `-1234.50`,
/// `+3` is *not* plain): those stay numbers so sums still work in the sheet. Then a cell holding a
/// comma, a double quote or a line break is quoted, with quotes doubled. Lines end in CRLF as RFC 4180 says.
public enum CSVWriter {
    /// The defused, quoted form of one cell.
    public static func cell(_ text: String) -> String {
        var t = text
        if let first = t.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(t) {
            t = "'" + t
        }
        if t.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            t = "\"" + t.csvReplacing(of: "\"", with: "\"\"") + "\""
        }
        return t
    }

    /// One CSV line (without the line ending) from cells.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",")
    }

    /// A whole CSV document: a header line and rows, each line ending in CRLF.
    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map { line($0) + "\r\n" }.joined()
    }

    /// `-?digits(.digits)?`: a number a spreadsheet may read as a number, safe to leave unescaped.
    public static func isPlainNumber(_ text: String) -> Bool {
        var s = Substring(text)
        if s.hasPrefix("-") { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

extension String {
    fileprivate func csvReplacing(of target: String, with replacement: String) -> String {
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension Substring {
    fileprivate func range(of target: String) -> Range<Substring.Index>? {
        guard !target.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(target) {
                return i..<index(i, offsetBy: target.count)
            }
            i = index(after: i)
        }
        return nil
    }
}
