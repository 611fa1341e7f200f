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

    /// The report as bytes: every issue, and every skipped row of `file` (`skips`, issue 15) with its reason and
    /// severity `skipped` (a skip's own warning, such as `unrecognised_modality`, is written once, as the skip);
    /// lines in row order, issues of one row in the order found.
    public static func csv(_ issues: [ValidationIssue], skips: [(row: Int, reason: SkipReason)] = [], file: String = "") -> [UInt8] {
        var out: [UInt8] = [0xEF, 0xBB, 0xBF]
        appendLine(header, to: &out)
        var lines: [(row: Int, order: Int, cells: [String])] = []
        lines.reserveCapacity(issues.count + skips.count)
        var skipIssues: [Int: ValidationIssue] = [:] // row → the skip's own issue
        for s in skips { if let i = s.reason.issue { skipIssues[s.row] = i } }
        for i in issues where skipIssues[i.row] != i {
            lines.append((i.row, lines.count, [i.file, String(i.row), i.column, i.value, i.rule.rawValue, i.message, i.severity.rawValue]))
        }
        for s in skips {
            let r = s.reason, rule = r.issue?.rule.rawValue ?? r.kind.rawValue
            let column = r.issue?.column ?? r.column, value = r.issue?.value ?? r.value
            lines.append((s.row, lines.count, [r.issue?.file ?? file, String(s.row), column, value, rule, r.message, "skipped"]))
        }
        lines.sort { ($0.row, $0.order) < ($1.row, $1.order) }
        for l in lines { appendLine(l.cells, to: &out) }
        return out
    }

    /// Writes the report (see ``csv(_:skips:file:)``) to `url`.
    public static func write(_ issues: [ValidationIssue], skips: [(row: Int, reason: SkipReason)] = [], file: String = "", to url: URL) throws {
        let out = try ByteOutput(url: url)
        try out.write(csv(issues, skips: skips, file: file))
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
