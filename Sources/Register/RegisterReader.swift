import CapitalCore
import Foundation
import Spreadsheets

/// The entry point for reading a register file of either format, chosen by content (a ZIP signature
/// means XLSX) and otherwise by extension, always streaming.
///
/// Use `open(url:sheet:)`, read `headers`, then call `nextRow()` (or `forEachRow`) until it returns nil.
/// The sheet argument selects an XLSX worksheet by name (the first when nil) and is ignored for CSV.
public final class RegisterReader {
    /// The file's format as detected.
    public enum Format: String, Sendable { case csv = "CSV", xlsx = "XLSX" }

    /// The file.
    public let url: URL
    /// Its format, by content.
    public let format: Format
    /// Its rows, streamed.
    public let source: RowSource
    /// For CSV: counts and hashes the bytes as the reader consumes them, so the file is read once.
    package let counter: HashingByteInput?
    /// For XLSX: the worksheet read.
    public var sheetName: String? { (source as? XLSXRowSource)?.sheetName }
    /// The header cells, trimmed, in file order.
    public var headers: [String] { source.headers }
    /// The header's physical row number (CSV line, XLSX sheet row).
    public var headerRowNumber: Int { (source as? CSVRowSource)?.headerRowNumber ?? (source as? XLSXRowSource)?.headerRowNumber ?? 1 }
    /// Non-blank rows above the header, skipped as a preamble.
    public var rowsAboveHeader: Int { (source as? CSVRowSource)?.rowsAboveHeader ?? (source as? XLSXRowSource)?.rowsAboveHeader ?? 0 }
    /// For CSV: the encoding detected so far (may switch to Windows-1252 at the first invalid UTF-8 byte).
    public var encoding: TextEncoding? { (source as? CSVRowSource)?.reader.encoding }
    /// For CSV: the delimiter detected from the header line.
    public var delimiter: Character? { (source as? CSVRowSource).map { Character(Unicode.Scalar($0.reader.delimiter)) } }

    private init(url: URL, format: Format, source: RowSource, counter: HashingByteInput? = nil) {
        self.url = url; self.format = format; self.source = source; self.counter = counter
    }

    /// Opens `url` as XLSX (by ZIP signature) or CSV, reading only its header row.
    public static func open(url: URL, sheet: String? = nil, header: HeaderRowChoice = .first) throws -> RegisterReader {
        let probe = try FileByteInput(url: url)
        var magic = [UInt8](repeating: 0, count: 4)
        let n = try magic.withUnsafeMutableBytes { try probe.read(into: $0.baseAddress!, count: 4) }
        if n == 4 && magic == [0x50, 0x4B, 0x03, 0x04] {
            return RegisterReader(url: url, format: .xlsx, source: try XLSXRowSource(url: url, sheet: sheet, header: header))
        }
        if url.pathExtension.lowercased() == "xls" {
            throw UserError("\(url.lastPathComponent) is an old binary Excel file (.xls); save it as .xlsx or CSV")
        }
        let counting = HashingByteInput(try FileByteInput(url: url))
        return RegisterReader(url: url, format: .csv, source: try CSVRowSource(input: counting, name: url.lastPathComponent, header: header),
                              counter: counting)
    }

    /// Bytes consumed so far (CSV), for progress; nil for XLSX.
    public var bytesRead: Int64? { counter?.bytesRead }

    /// The file's SHA-256 in hex: from the bytes the CSV reader consumed when it read them all, else by reading the file.
    public func sha256() throws -> String {
        if let counter, let h = counter.finish() { return h }
        return try SHA256.hex(fileAt: url)
    }

    /// The next data row, or nil at the end.
    public func nextRow() throws -> RawRow? { try source.nextRow() }

    /// Calls `body` with every remaining row, in order.
    public func forEachRow(_ body: (RawRow) throws -> Void) throws {
        while let row = try source.nextRow() { try body(row) }
    }
}
