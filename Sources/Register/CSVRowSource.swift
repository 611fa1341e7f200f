import CapitalCore
import Spreadsheets

/// Rows of a CSV register: the header record (the first non-blank one, unless a ``HeaderRowChoice`` says
/// otherwise), then the data rows after it.
public final class CSVRowSource: RowSource {
    /// The CSV reader underneath, with the delimiter and encoding it detected.
    public let reader: CSVReader
    /// The header cells, trimmed, in file order.
    public let headers: [String]
    /// The physical row number of the header line.
    public let headerRowNumber: Int
    /// Non-blank records above the header (a preamble), not read as data.
    public let rowsAboveHeader: Int
    private var pending: [(row: Int, cells: [String])]

    /// Reads the header row from `input`; a `delimiter` byte (such as `;`) skips detection; `name` names the file in
    /// errors. Throws a `UserError` when the file has no header row, and any error reading it.
    public init(input: ByteInput, delimiter: UInt8? = nil, name: String = "the file", header: HeaderRowChoice = .first) throws {
        let reader = try CSVReader(input: input, delimiter: delimiter, name: name)
        self.reader = reader
        guard let found = try HeaderFinder.find(header, name: name, next: { try reader.nextRecord().map { ($0.row, $0.fields) } }) else {
            throw UserError("the file is empty: no header row")
        }
        headers = found.header.cells.map { $0.trimmingASCIIWhitespace() }
        headerRowNumber = found.header.row
        rowsAboveHeader = found.skipped
        pending = found.pending.reversed()
    }

    /// The next data row, or `nil` at the end of the file.
    public func nextRow() throws -> RawRow? {
        if let p = pending.popLast() { return RawRow(rowNumber: p.row, headers: headers, values: p.cells) }
        guard let r = try reader.nextRecord() else { return nil }
        return RawRow(rowNumber: r.row, headers: headers, values: r.fields)
    }
}
