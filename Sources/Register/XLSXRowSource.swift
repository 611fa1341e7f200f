import CapitalCore
import Foundation
import Spreadsheets

/// Rows of one worksheet of a register, streamed through `XLSXSheetReader` (see there for how cells read).
///
/// The first non-empty row is the header; blank rows are skipped; row numbers are the sheet's own.
public final class XLSXRowSource: RowSource {
    /// The header cells (trimmed), in sheet order.
    public let headers: [String]
    /// The sheet's row number of the header row.
    public let headerRowNumber: Int
    /// The name of the worksheet being read.
    public let sheetName: String

    private let reader: XLSXSheetReader

    /// Opens `sheet` (a name) or the first sheet of the workbook at `url`.
    public init(url: URL, sheet: String? = nil) throws {
        reader = try XLSXSheetReader(url: url, sheet: sheet)
        sheetName = reader.sheetName
        var first: (row: Int, cells: [String])?
        while let r = try reader.nextRow() {
            if r.cells.contains(where: { !$0.isEmpty }) { first = r; break }
        }
        guard let first else { throw UserError("\(url.lastPathComponent): sheet \"\(sheetName)\" is empty: no header row") }
        headers = first.cells.map { $0.trimmingASCIIWhitespace() }
        headerRowNumber = first.row
        reader.columnLimit = max(headers.count, 1)
    }

    /// The next non-empty data row, or `nil` at the end of the sheet.
    public func nextRow() throws -> RawRow? {
        while let r = try reader.nextRow() {
            if r.cells.contains(where: { !$0.isEmpty }) { return RawRow(rowNumber: r.row, headers: headers, values: r.cells) }
        }
        return nil
    }
}
