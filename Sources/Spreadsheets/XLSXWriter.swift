import Foundation
import CapitalCore

/// One cell for `XLSXWriter`: text, a number (kept as the given text, e.g. `845000.50`), a date (stored as
/// a serial with a date style, as Excel does), or nothing.
public enum XLSXCell: Sendable, Equatable {
    /// Text, written as a string cell.
    case text(String)
    /// A number, written exactly as the given text.
    case number(String)
    /// A date, written as a 1900-system serial with a date style.
    case date(CalendarDate)
    /// An amount of money: a number cell holding the exact pounds, shown as `£1,234,567.89`.
    case money(Pence)
    /// A fraction (`0.5645`), written exactly as the given text, shown as a percentage with two decimals (`56.45%`).
    case percent(String)
    /// No cell (omitted from the row).
    case empty
}

/// A minimal streaming XLSX writer: one or more worksheets of text, number, money, percentage and date cells.
///
/// A sheet whose first row is written with ``appendHeader(_:widths:)`` gets a bold header row that stays in view
/// (frozen) and column widths for people to read without resizing.
///
/// Rows go straight into the deflating ZIP stream, so a million-row sheet is written in constant memory
/// when text is written inline (`sharedStrings: false`); with `sharedStrings: true` text goes through a
/// shared-string table (as Excel itself writes), held in memory until `close()`. Dates are 1900-system
/// serials with the built-in date format 14, or the custom format `dd/mm/yyyy` (id 164) when asked.
/// Output is byte-identical for identical input.
public final class XLSXWriter {
    private let zip: ZipWriter
    private let useSharedStrings: Bool
    private let dateStyle: Int
    private var sheetNames: [String] = []
    private var strings: [String] = []
    private var stringIndex: [String: Int] = [:]
    private var stringRefs = 0
    private var rowNumber = 0
    private var pending: [UInt8] = []
    private var inSheet = false
    /// The sheet's `<sheetData>` is not open until its first row: a header row first adds the frozen pane and widths.
    private var sheetDataOpen = false

    /// Creates the workbook at `url`; `sharedStrings` uses a shared-string table, `customDateFormat` shows dates as dd/mm/yyyy.
    public init(url: URL, sharedStrings: Bool = false, customDateFormat: Bool = false) throws {
        zip = try ZipWriter(url: url)
        useSharedStrings = sharedStrings
        dateStyle = customDateFormat ? 2 : 1
        pending.reserveCapacity(80 * 1024)
    }

    /// Starts a new worksheet called `name`.
    public func beginSheet(_ name: String) throws {
        if inSheet { try endSheet() }
        sheetNames.append(name)
        try zip.beginEntry("xl/worksheets/sheet\(sheetNames.count).xml")
        pending.append(contentsOf: Array(#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\#n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#.utf8))
        rowNumber = 0
        inSheet = true
        sheetDataOpen = false
    }

    private func openSheetData() {
        guard !sheetDataOpen else { return }
        pending.append(contentsOf: "<sheetData>".utf8)
        sheetDataOpen = true
    }

    /// Appends the sheet's header row: bold text, frozen so it stays in view, and each column as wide as `widths`
    /// gives (characters), or as its heading needs and at least 10. Only as the sheet's first row; otherwise the
    /// header is an ordinary bold row.
    public func appendHeader(_ names: [String], widths: [Int] = []) throws {
        precondition(inSheet, "beginSheet first")
        if rowNumber == 0 && !sheetDataOpen {
            pending.append(contentsOf: #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#.utf8)
            if !names.isEmpty {
                pending.append(contentsOf: "<cols>".utf8)
                for (i, name) in names.enumerated() {
                    let width = i < widths.count ? widths[i] : max(10, min(60, name.count + 3))
                    pending.append(contentsOf: "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(width)\" customWidth=\"1\"/>".utf8)
                }
                pending.append(contentsOf: "</cols>".utf8)
            }
        }
        try appendRow(names.map { .text($0) }, style: XLSXWriter.boldStyle)
    }
    /// Appends a row (cells from column A). Empty cells are omitted, as Excel does.
    public func appendRow(_ cells: [XLSXCell]) throws { try appendRow(cells, style: nil) }

    /// A snake_case column name as a heading people read: `need_date` → `Need Date`, `lot_id` → `Lot ID`,
    /// `with_plan_le5` → `With Plan ≤5`; a name with spaces or capitals (a financial year, a trust code) is kept.
    public static func title(_ name: String) -> String {
        guard name.contains("_") || name == name.lowercased(), !name.contains(" "), !name.contains("/") else { return name }
        let upper: Set<String> = ["id", "vat", "nhs", "ods", "sha256", "ct", "mri", "pet"]
        return name.split(separator: "_").map { word -> String in
            let w = String(word)
            if upper.contains(w) { return w.uppercased() }
            if w.hasPrefix("le"), let n = Int(w.dropFirst(2)) { return "≤\(n)" }
            return w.prefix(1).uppercased() + w.dropFirst()
        }.joined(separator: " ")
    }

    // The cell styles `styles.xml` defines (cellXfs), by index.
    static let moneyStyle = 3, percentStyle = 4, boldStyle = 5

    private func appendRow(_ cells: [XLSXCell], style textStyle: Int?) throws {
        precondition(inSheet, "beginSheet first")
        openSheetData()
        rowNumber += 1
        pending.append(contentsOf: "<row r=\"\(rowNumber)\">".utf8)
        for (i, cell) in cells.enumerated() {
            let ref = XLSXWriter.columnLetters(i) + String(rowNumber)
            switch cell {
            case .empty: continue
            case .text(let s):
                let styled = textStyle.map { " s=\"\($0)\"" } ?? ""
                if useSharedStrings {
                    let idx: Int
                    if let k = stringIndex[s] { idx = k } else { idx = strings.count; strings.append(s); stringIndex[s] = idx }
                    stringRefs += 1
                    pending.append(contentsOf: "<c r=\"\(ref)\"\(styled) t=\"s\"><v>\(idx)</v></c>".utf8)
                } else {
                    pending.append(contentsOf: "<c r=\"\(ref)\"\(styled) t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
                    XLSXWriter.appendEscaped(s, to: &pending)
                    pending.append(contentsOf: "</t></is></c>".utf8)
                }
            case .number(let n):
                pending.append(contentsOf: "<c r=\"\(ref)\"><v>".utf8)
                XLSXWriter.appendEscaped(n, to: &pending)
                pending.append(contentsOf: "</v></c>".utf8)
            case .date(let d):
                pending.append(contentsOf: "<c r=\"\(ref)\" s=\"\(dateStyle)\"><v>\(ExcelDate.serial(for: d))</v></c>".utf8)
            case .money(let p):
                pending.append(contentsOf: "<c r=\"\(ref)\" s=\"\(XLSXWriter.moneyStyle)\"><v>\(p.plain)</v></c>".utf8)
            case .percent(let fraction):
                pending.append(contentsOf: "<c r=\"\(ref)\" s=\"\(XLSXWriter.percentStyle)\"><v>".utf8)
                XLSXWriter.appendEscaped(fraction, to: &pending)
                pending.append(contentsOf: "</v></c>".utf8)
            }
        }
        pending.append(contentsOf: "</row>".utf8)
        if pending.count >= 64 * 1024 { try zip.write(pending); pending.removeAll(keepingCapacity: true) }
    }

    /// Finishes the current worksheet.
    public func endSheet() throws {
        guard inSheet else { return }
        openSheetData()
        pending.append(contentsOf: "</sheetData></worksheet>".utf8)
        try zip.write(pending)
        pending.removeAll(keepingCapacity: true)
        try zip.endEntry()
        inSheet = false
    }

    /// Writes the workbook, relationships, styles and shared strings, and closes the file.
    public func close() throws {
        try endSheet()
        if sheetNames.isEmpty { try beginSheet("Sheet1"); try endSheet() }
        let ns = "http://schemas.openxmlformats.org"
        var types = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        types += "<Types xmlns=\"\(ns)/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        types += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
        for i in sheetNames.indices {
            types += "<Override PartName=\"/xl/worksheets/sheet\(i + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        types += "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
        if useSharedStrings { types += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>" }
        types += "</Types>"
        try zip.addEntry("[Content_Types].xml", types)
        try zip.addEntry("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n<Relationships xmlns=\"\(ns)/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(ns)/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        var wb = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n<workbook xmlns=\"\(ns)/spreadsheetml/2006/main\" xmlns:r=\"\(ns)/officeDocument/2006/relationships\"><sheets>"
        var rels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n<Relationships xmlns=\"\(ns)/package/2006/relationships\">"
        for (i, name) in sheetNames.enumerated() {
            var esc: [UInt8] = []
            XLSXWriter.appendEscaped(name, to: &esc)
            wb += "<sheet name=\"\(String(decoding: esc, as: UTF8.self))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
            rels += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(ns)/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(i + 1).xml\"/>"
        }
        let n = sheetNames.count
        rels += "<Relationship Id=\"rId\(n + 1)\" Type=\"\(ns)/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        if useSharedStrings { rels += "<Relationship Id=\"rId\(n + 2)\" Type=\"\(ns)/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" }
        try zip.addEntry("xl/workbook.xml", wb + "</sheets></workbook>")
        try zip.addEntry("xl/_rels/workbook.xml.rels", rels + "</Relationships>")
        try zip.addEntry("xl/styles.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n<styleSheet xmlns=\"\(ns)/spreadsheetml/2006/main\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/><numFmt numFmtId=\"165\" formatCode=\"&quot;£&quot;#,##0.00\"/></numFmts><fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font><font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts><fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills><borders count=\"1\"><border/></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\"/></cellStyleXfs><cellXfs count=\"6\"><xf numFmtId=\"0\" xfId=\"0\"/><xf numFmtId=\"14\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"164\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"165\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"10\" xfId=\"0\" applyNumberFormat=\"1\"/><xf numFmtId=\"0\" fontId=\"1\" xfId=\"0\" applyFont=\"1\"/></cellXfs></styleSheet>")
        if useSharedStrings {
            try zip.beginEntry("xl/sharedStrings.xml")
            var buf = Array((#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n<sst xmlns=\"\(ns)/spreadsheetml/2006/main\" count=\"\(stringRefs)\" uniqueCount=\"\(strings.count)\">").utf8)
            for s in strings {
                buf.append(contentsOf: "<si><t xml:space=\"preserve\">".utf8)
                XLSXWriter.appendEscaped(s, to: &buf)
                buf.append(contentsOf: "</t></si>".utf8)
                if buf.count > 64 * 1024 { try zip.write(buf); buf.removeAll(keepingCapacity: true) }
            }
            buf.append(contentsOf: "</sst>".utf8)
            try zip.write(buf)
            try zip.endEntry()
        }
        try zip.close()
    }

    /// `A`, `B`, … `Z`, `AA` … for a zero-based column index.
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var s: [UInt8] = []
        while n > 0 { let r = (n - 1) % 26; s.insert(UInt8(65 + r), at: 0); n = (n - 1) / 26 }
        return String(decoding: s, as: UTF8.self)
    }

    static func appendEscaped(_ s: String, to out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x09, 0x0A, 0x0D: out.append(b)
            case 0..<0x20: continue // not allowed in XML 1.0
            default: out.append(b)
            }
        }
    }
}
