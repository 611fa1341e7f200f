import CapitalCore
import Foundation

/// One worksheet of an XLSX workbook, read row by row in constant memory (only shared strings are held).
///
/// The sheet XML is inflated and scanned incrementally. Cells are placed by their column letter
/// (`r="C7"`), so missing cells read as empty. Values keep the text Excel stored: shared and inline strings
/// as text, numbers as written (`845000`, `0.1`), booleans as `TRUE`/`FALSE`, errors as `#N/A`; numbers in
/// a date-formatted cell become ISO `YYYY-MM-DD`. Row numbers are the sheet's own (`r="12"` is row 12);
/// every `<row>` is returned, blank ones included.
public final class XLSXSheetReader {
    /// The name of the worksheet being read.
    public let sheetName: String

    private let scanner: XMLPullScanner
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool
    private var finished = false
    private var lastRow = 0
    private var text: [UInt8] = []
    /// Cells at or beyond this column are all returned in this one (the last wins), so a row with a cell at XFD
    /// costs one cell rather than 16,384: the row source sets it to the header's width, and the extra cell still
    /// makes the row a column-count error.
    public var columnLimit = ReadLimits.cellsPerRow
    /// `file, sheet "name"`, for errors.
    private let location: String

    /// The worksheet names of the workbook at `url`, in workbook order.
    public static func sheetNames(url: URL) throws -> [String] {
        try XLSXWorkbook(url: url).sheets.map(\.name)
    }

    /// Opens `sheet` (by name, exactly, else ignoring case) or the first sheet of the workbook at `url`.
    public init(url: URL, sheet: String? = nil) throws {
        let wb = try XLSXWorkbook(url: url)
        let s = try wb.sheet(named: sheet)
        guard let input = try wb.archive.open(s.path) else {
            throw UserError("\(url.lastPathComponent): sheet \"\(s.name)\" has no part \(s.path)")
        }
        sheetName = s.name
        location = "\(url.lastPathComponent), sheet \"\(s.name)\""
        scanner = XMLPullScanner(input, name: location)
        sharedStrings = wb.sharedStrings
        dateStyles = wb.dateStyles
        date1904 = wb.date1904
    }

    private enum CellType { case number, shared, inline, string, bool, error, date }

    /// The next `<row>` as its row number and cells by column, or `nil` after `</sheetData>`.
    public func nextRow() throws -> (row: Int, cells: [String])? {
        if finished { return nil }
        let x = scanner
        var cells: [String] = []
        var inRow = false, inValue = false, inInlineText = false, inInline = false
        var rowNumber = 0
        var col = -1, type = CellType.number, style = 0
        var rowBytes = 0
        while true {
            switch try x.next() {
            case .eof:
                finished = true
                return inRow ? (rowNumber, cells) : nil
            case .start:
                if x.nameIs("c") {
                    let a = x.cellAttributes()
                    col = a.column ?? (col + 1)
                    style = a.style
                    switch (a.typeFirst, a.typeLength) {
                    case (0x73, 1): type = .shared        // s
                    case (0x69, 9): type = .inline        // inlineStr
                    case (0x73, 3): type = .string        // str
                    case (0x62, 1): type = .bool          // b
                    case (0x65, 1): type = .error         // e
                    case (0x64, 1): type = .date          // d
                    default: type = .number               // n or absent
                    }
                    text.removeAll(keepingCapacity: true)
                    if x.selfClosing { place("", at: col, in: &cells) }
                } else if x.nameIs("v") {
                    inValue = !x.selfClosing
                } else if x.nameIs("is") {
                    inInline = !x.selfClosing
                } else if x.nameIs("t") {
                    inInlineText = inInline && !x.selfClosing
                } else if x.nameIs("row") {
                    rowNumber = x.intAttribute("r") ?? (lastRow + 1)
                    guard rowNumber >= 1 && rowNumber <= ReadLimits.sheetRows else {
                        let given = x.attribute("r").map { "r=\"\($0.prefix(40))\"" } ?? "a row after row \(lastRow)"
                        throw UserError("\(location): \(given) is not a row number from 1 to \(ReadLimits.sheetRows), Excel's range")
                    }
                    lastRow = rowNumber
                    rowBytes = 0
                    col = -1
                    if x.selfClosing { return (rowNumber, []) }
                    inRow = true
                }
            case .end:
                if x.nameIs("c") {
                    rowBytes += text.count
                    guard rowBytes <= ReadLimits.recordBytes else {
                        throw UserError("\(location) row \(rowNumber): more than \(ReadLimits.recordBytes >> 20) MiB of text in one row")
                    }
                    place(cellText(type: type, style: style), at: col, in: &cells)
                } else if x.nameIs("v") {
                    inValue = false
                } else if x.nameIs("t") {
                    inInlineText = false
                } else if x.nameIs("is") {
                    inInline = false
                } else if x.nameIs("row") {
                    return (rowNumber, cells)
                } else if x.nameIs("sheetData") {
                    finished = true
                    return nil
                }
            case .text:
                if inValue || inInlineText {
                    x.appendText(to: &text)
                    guard text.count <= ReadLimits.xlsxCellBytes else {
                        throw UserError("\(location) row \(rowNumber), column \(col + 1): a cell longer than \(ReadLimits.xlsxCellBytes >> 20) MiB")
                    }
                }
            }
        }
    }

    @inline(__always) private func place(_ value: String, at col: Int, in cells: inout [String]) {
        guard col >= 0 && col < ReadLimits.cellsPerRow else { return }
        if col >= columnLimit {
            if value.isEmpty { return }
            while cells.count < columnLimit { cells.append("") }
            if cells.count == columnLimit { cells.append(value) } else { cells[columnLimit] = value }
            return
        }
        while cells.count < col { cells.append("") }
        if cells.count == col { cells.append(value) } else { cells[col] = value }
    }

    private func cellText(type: CellType, style: Int) -> String {
        let raw = String(decoding: text, as: UTF8.self)
        switch type {
        case .shared:
            guard let i = Int(raw), i >= 0, i < sharedStrings.count else { return "" }
            return sharedStrings[i]
        case .inline, .string, .error: return raw
        case .bool: return raw == "1" ? "TRUE" : (raw == "0" ? "FALSE" : raw)
        case .date: return String(raw.prefix(10))
        case .number:
            if style < dateStyles.count, dateStyles[style], let serial = Double(raw),
               let d = ExcelDate.date(serial: serial, date1904: date1904) { return d.iso }
            return raw
        }
    }
}
