import CapitalCore
import Spreadsheets

/// Rows of a CSV register: the first non-blank record is the header; the rest are data rows.
public final class CSVRowSource: RowSource {
    /// The CSV reader underneath, with the delimiter and encoding it detected.
    public let reader: CSVReader
    /// The header cells, trimmed, in file order.
    public let headers: [String]
    /// The physical row number of the header line.
    public let headerRowNumber: Int

    /// Reads the header row from `input`; a `delimiter` byte (such as `;`) skips detection; `name` names the file in
    /// errors. Throws a `UserError` when the file has no header row, and any error reading it.
    public init(input: ByteInput, delimiter: UInt8? = nil, name: String = "the file") throws {
        reader = try CSVReader(input: input, delimiter: delimiter, name: name)
        guard let first = try reader.nextRecord() else { throw UserError("the file is empty: no header row") }
        headers = first.fields.map { $0.trimmingASCIIWhitespace() }
        headerRowNumber = first.row
    }

    /// The next data row, or `nil` at the end of the file.
    public func nextRow() throws -> RawRow? {
        guard let r = try reader.nextRecord() else { return nil }
        return RawRow(rowNumber: r.row, headers: headers, values: r.fields)
    }
}
