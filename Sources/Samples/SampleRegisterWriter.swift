import Foundation
import CapitalCore
import Spreadsheets

/// A cell as the sample generator produces it: text, a number, or a date (written as text in the file's
/// date order in CSV, as a date cell in XLSX).
enum SampleCell {
    case text(String)
    case number(String)
    case date(CalendarDate)
}

/// Writes generated rows in one file format: CSV (encoding, delimiter, line ends, date order) or XLSX.
/// Streaming, so a million rows are written in constant memory.
final class SampleRegisterWriter {
    enum Encoding { case utf8, utf8BOM, windows1252 }
    private enum Target { case csv(ByteOutput), xlsx(XLSXWriter) }
    private let target: Target
    private let delimiter: UInt8
    private let encoding: Encoding
    private let crlf: Bool
    private let dateOrder: DateOrder
    private var line: [UInt8] = []

    init(csv url: URL, encoding: Encoding, delimiter: UInt8, crlf: Bool, dateOrder: DateOrder) throws {
        let out = try ByteOutput(url: url)
        if encoding == .utf8BOM { try out.write([0xEF, 0xBB, 0xBF]) }
        target = .csv(out)
        self.encoding = encoding; self.delimiter = delimiter; self.crlf = crlf; self.dateOrder = dateOrder
    }

    init(xlsx url: URL, sheet: String, sharedStrings: Bool, customDateFormat: Bool) throws {
        let w = try XLSXWriter(url: url, sharedStrings: sharedStrings, customDateFormat: customDateFormat)
        try w.beginSheet(sheet)
        target = .xlsx(w)
        encoding = .utf8; delimiter = 0x2C; crlf = false; dateOrder = .ymd
    }

    func write(_ cells: [SampleCell]) throws {
        switch target {
        case .xlsx(let w):
            try w.appendRow(cells.map { c -> XLSXCell in
                switch c {
                case .text(let s): return s.isEmpty ? .empty : .text(s)
                case .number(let n): return .number(n)
                case .date(let d): return .date(d)
                }
            })
        case .csv(let out):
            line.removeAll(keepingCapacity: true)
            for (i, c) in cells.enumerated() {
                if i > 0 { line.append(delimiter) }
                let s: String
                switch c {
                case .text(let t): s = t
                case .number(let n): s = n
                case .date(let d): s = SampleRegisterWriter.format(d, dateOrder)
                }
                appendField(s)
            }
            line.append(contentsOf: crlf ? [0x0D, 0x0A] : [0x0A])
            try out.write(line)
        }
    }

    private func appendField(_ s: String) {
        let needsQuote = s.utf8.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        if needsQuote { line.append(0x22) }
        if encoding == .windows1252 {
            if needsQuote { TextDecoding.encodeWindows1252(s.replacingOccurrences(of: "\"", with: "\"\""), into: &line) } else { TextDecoding.encodeWindows1252(s, into: &line) }
        } else {
            if needsQuote { line.append(contentsOf: s.replacingOccurrences(of: "\"", with: "\"\"").utf8) } else { line.append(contentsOf: s.utf8) }
        }
        if needsQuote { line.append(0x22) }
    }

    func close() throws {
        switch target {
        case .csv(let out): try out.flush()
        case .xlsx(let w): try w.close()
        }
    }

    static func format(_ d: CalendarDate, _ order: DateOrder) -> String {
        let dd = d.day < 10 ? "0\(d.day)" : "\(d.day)", mm = d.month < 10 ? "0\(d.month)" : "\(d.month)"
        switch order {
        case .dmy: return "\(dd)/\(mm)/\(d.year)"
        case .mdy: return "\(mm)/\(dd)/\(d.year)"
        case .ymd: return d.iso
        }
    }
}
