import Foundation
import CapitalCore
import Spreadsheets

/// Writes row-level issues as CSV (`file,row,column,value,rule,message,severity`) that is safe to open
/// in Excel: any cell starting with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with a single
/// quote, so no formula runs; cells are quoted per RFC 4180 when needed. UTF-8 with a BOM (Excel reads
/// it as UTF-8), CRLF line ends.
public enum ErrorReportWriter {
    /// The header row's cells, in column order.
    public static let header = ["file", "row", "column", "value", "rule", "message", "severity"]

    /// The report as bytes.
    public static func csv(_ issues: [ValidationIssue]) -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        appendLine(header, to: &out)
        for i in issues {
            appendLine([i.file, String(i.row), i.column, i.value, i.rule.rawValue, i.message, i.severity.rawValue], to: &out)
        }
        return out
    }

    /// Writes the report to `url`.
    public static func write(_ issues: [ValidationIssue], to url: URL) throws {
        let out = try ByteOutput(url: url)
        try out.write(csv(issues))
        try out.flush()
    }

    /// A cell made safe for spreadsheets and quoted if it holds a comma, quote or line break.
    public static func cell(_ value: String) -> String {
        var v = value
        if let f = v.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(f) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    static func appendLine(_ cells: [String], to out: inout [UInt8]) {
        out.append(contentsOf: cells.map(cell).joined(separator: ",").utf8)
        out.append(contentsOf: [0x0D, 0x0A])
    }
}
