import CapitalCore
import Foundation
import Postgres
import Register
import Spreadsheets

/// A register file opened for import: its rows, format, and (for CSV) a byte counter that also hashes.
final class OpenedRegister {
    let url: URL
    let format: RegisterReader.Format
    let source: RowSource
    let counter: HashingByteInput?
    let sheetName: String?

    init(url: URL, sheet: String?) throws {
        self.url = url
        let probe = try FileByteInput(url: url)
        var magic = [UInt8](repeating: 0, count: 4)
        let n = try magic.withUnsafeMutableBytes { try probe.read(into: $0.baseAddress!, count: 4) }
        if n == 4 && magic == [0x50, 0x4B, 0x03, 0x04] {
            let xlsx = try XLSXRowSource(url: url, sheet: sheet)
            format = .xlsx; source = xlsx; counter = nil; sheetName = xlsx.sheetName
            return
        }
        if url.pathExtension.lowercased() == "xls" {
            throw UserError("\(url.lastPathComponent) is an old binary Excel file (.xls); save it as .xlsx or CSV")
        }
        let counting = HashingByteInput(try FileByteInput(url: url))
        format = .csv; counter = counting; sheetName = nil
        source = try CSVRowSource(input: counting, name: url.lastPathComponent)
    }

    var encoding: TextEncoding? { (source as? CSVRowSource)?.reader.encoding }

    /// The file's SHA-256: from the bytes the CSV reader consumed, else by reading the file.
    func finishHash() throws -> String {
        if let counter, let h = counter.finish() { return h }
        return try SHA256.hex(fileAt: url)
    }
}
