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
    /// Non-blank rows above the header (a preamble), not read as data.
    public let rowsAboveHeader: Int
    private var pending: [(row: Int, cells: [String])]
    /// The name of the worksheet being read.
    public let sheetName: String

    private let reader: XLSXSheetReader

    /// Opens `sheet` (a name) or the first sheet of the workbook at `url`.
    public init(url: URL, sheet: String? = nil, header: HeaderRowChoice = .first) throws {
        let reader = try XLSXSheetReader(url: url, sheet: sheet)
        self.reader = reader
        sheetName = reader.sheetName
        guard let found = try HeaderFinder.find(header, name: url.lastPathComponent, next: { try reader.nextRow() }) else {
            throw UserError("\(url.lastPathComponent): sheet \"\(sheetName)\" is empty: no header row")
        }
        headers = found.header.cells.map { $0.trimmingASCIIWhitespace() }
        headerRowNumber = found.header.row
        rowsAboveHeader = found.skipped
        let limit = max(headers.count, 1)
        reader.columnLimit = limit
        // Rows read before the header was known: cut to the header's width as the reader now does (one extra
        // non-empty cell kept, so the row is still a column-count error).
        pending = found.pending.reversed().map { r in
            guard r.cells.count > limit else { return r }
            let extra = r.cells[limit...].first { !$0.isEmpty }
            return (r.row, Array(r.cells.prefix(limit)) + (extra.map { [$0] } ?? []))
        }
    }

    /// The next non-empty data row, or `nil` at the end of the sheet.
    public func nextRow() throws -> RawRow? {
        if let p = pending.popLast() { return RawRow(rowNumber: p.row, headers: headers, values: p.cells) }
        while let r = try reader.nextRow() {
            if r.cells.contains(where: { !$0.isEmpty }) { return RawRow(rowNumber: r.row, headers: headers, values: r.cells) }
        }
        return nil
    }
}
