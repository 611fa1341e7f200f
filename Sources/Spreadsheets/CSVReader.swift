import CapitalCore
/// A streaming RFC 4180 CSV reader working on bytes, 64 KiB at a time.
///
/// It keeps these rules: quoted fields may hold delimiters, doubled quotes and line breaks (CRLF or LF);
/// the delimiter (`,`, `;` or tab) is detected from the header line, outside quotes; a UTF-8 byte-order
/// mark is skipped; text that is not valid UTF-8 is decoded as Windows-1252 (how Excel saves CSV on a UK
/// machine). Each record carries the physical line number where it starts, so errors can name the row.
/// Memory is one chunk plus the longest record, whatever the file size.
public final class CSVReader {
    /// The field separator in use (detected from the header line unless given).
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// The encoding detected so far (UTF-8 may switch to Windows-1252 at the first invalid byte).
    public private(set) var encoding: TextEncoding = .utf8

    private let input: ByteInput
    // Used by one thread at a time (the prefetch thread): no runtime exclusivity checks per byte.
    @exclusivity(unchecked) private var buf: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var start = 0
    @exclusivity(unchecked) private var end = 0
    @exclusivity(unchecked) private var eof = false
    @exclusivity(unchecked) private var nextLine = 1
    @exclusivity(unchecked) private var fields: [String] = []
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private var lastRecordQuoted = false
    /// The file's name, for errors.
    private let name: String
    private let maxRecordBytes: Int
    private let maxCells: Int

    /// Opens a CSV stream. Pass `delimiter` to skip detection. `name` names the file in errors; a record longer
    /// than `maxRecordBytes` or with more than `maxCells` cells is an error (see ``ReadLimits``).
    public init(input: ByteInput, delimiter: UInt8? = nil, chunkSize: Int = 64 * 1024, name: String = "the file",
                maxRecordBytes: Int = ReadLimits.recordBytes, maxCells: Int = ReadLimits.cellsPerRow) throws {
        self.input = input
        self.name = name
        self.maxRecordBytes = maxRecordBytes
        self.maxCells = maxCells
        capacity = max(chunkSize, 16)
        buf = .allocate(capacity: capacity)
        try fill()
        // Encoding: a BOM says UTF-8; otherwise invalid UTF-8 in the first chunk says Windows-1252.
        if end - start >= 3, buf[0] == 0xEF, buf[1] == 0xBB, buf[2] == 0xBF {
            start = 3
            encoding = .utf8BOM
        } else if !TextDecoding.isValidUTF8(UnsafeBufferPointer(start: buf, count: end), allowTruncatedEnd: !eof) {
            encoding = .windows1252
        }
        self.delimiter = try delimiter ?? detectDelimiter()
    }

    deinit { buf.deallocate() }

    /// Reads more bytes, moving the unconsumed tail to the front (and growing the buffer for a record
    /// longer than it). Sets `eof` when the input is exhausted.
    private func fill() throws {
        if start > 0 {
            ByteWindow.slide(buf, keeping: start, end: &end)
            start = 0
        }
        if end == capacity {
            // The buffer only grows for a record longer than it: bounded, so memory is.
            guard capacity < maxRecordBytes else {
                throw UserError("\(name) row \(nextLine): a record longer than \(maxRecordBytes >> 20) MiB; is a quote left unclosed?")
            }
            ByteWindow.grow(&buf, capacity: &capacity, keeping: end)
        }
        if try ByteWindow.read(input, into: buf, end: &end, capacity: capacity) { eof = true }
    }

    /// Counts `,`, `;` and tab in the first line, outside quotes; the most frequent wins (comma on a tie).
    private func detectDelimiter() throws -> UInt8 {
        while true {
            var inQuotes = false
            var counts = (comma: 0, semi: 0, tab: 0)
            var i = start
            var complete = false
            while i < end {
                let b = buf[i]
                if b == 0x22 { inQuotes.toggle() } else if !inQuotes {
                    if b == 0x0A || b == 0x0D { complete = true; break }
                    if b == 0x2C { counts.comma += 1 } else if b == 0x3B { counts.semi += 1 } else if b == 0x09 { counts.tab += 1 }
                }
                i += 1
            }
            if complete || eof {
                if counts.semi > counts.comma && counts.semi >= counts.tab { return 0x3B }
                if counts.tab > counts.comma && counts.tab > counts.semi { return 0x09 }
                return 0x2C
            }
            try fill()
        }
    }

    /// The next record as (physical row number where it starts, fields), or `nil` at the end. Blank lines are skipped.
    public func nextRecord() throws -> (row: Int, fields: [String])? {
        while true {
            if let lines = try parseRecord() {
                let row = nextLine
                guard row < Int(Int32.max) else { throw UserError("\(name): more than \(Int32.max) lines") }
                nextLine += lines
                if fields.count == 1 && fields[0].isEmpty && !lastRecordQuoted { continue } // blank line
                return (row, fields)
            }
            if eof && start >= end { return nil }
            try fill()
        }
    }

    /// Parses one record at `start`. Returns the number of physical lines it spans, or `nil` when the
    /// buffer ends before the record does (and the input is not exhausted) or nothing is left.
    private func parseRecord() throws -> Int? {
        let p = buf, e = end, atEOF = eof, delim = delimiter
        var i = start
        if i >= e { return nil }
        fields.removeAll(keepingCapacity: true)
        var lines = 0
        lastRecordQuoted = false
        while true {
            if i < e && p[i] == 0x22 { // quoted field
                lastRecordQuoted = true
                i += 1
                var seg = i
                var high: UInt8 = 0
                var usedScratch = false
                scratch.removeAll(keepingCapacity: true)
                while true {
                    if i >= e {
                        if !atEOF { return nil }
                        break // unterminated quote at end of file: take the rest
                    }
                    let b = p[i]
                    if b == 0x22 {
                        if i + 1 >= e && !atEOF { return nil }
                        if i + 1 < e && p[i + 1] == 0x22 { // doubled quote
                            scratch.append(contentsOf: UnsafeBufferPointer(start: p + seg, count: i + 1 - seg))
                            usedScratch = true
                            i += 2; seg = i
                            continue
                        }
                        break
                    }
                    if b == 0x0A { lines += 1 } else if b == 0x0D, i + 1 < e, p[i + 1] != 0x0A { lines += 1 }
                    high |= b
                    i += 1
                }
                let segEnd = min(i, e)
                if i < e { i += 1 } // closing quote
                // Stray text after the closing quote ("abc"def) is kept, as Excel does.
                var tailStart = i
                while i < e, p[i] != delim, p[i] != 0x0A, p[i] != 0x0D { high |= p[i]; i += 1 }
                if i >= e && !atEOF { return nil }
                if usedScratch || i > tailStart {
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + seg, count: segEnd - seg))
                    scratch.append(contentsOf: UnsafeBufferPointer(start: p + tailStart, count: i - tailStart))
                    tailStart = i
                    let s = scratch.withUnsafeBufferPointer { decode($0, high: high) }
                    fields.append(s)
                } else {
                    fields.append(decode(UnsafeBufferPointer(start: p + seg, count: segEnd - seg), high: high))
                }
            } else { // unquoted field
                let fs = i
                var high: UInt8 = 0
                while i < e {
                    let b = p[i]
                    if b == delim || b == 0x0A || b == 0x0D { break }
                    high |= b
                    i += 1
                }
                if i >= e && !atEOF { return nil }
                fields.append(decode(UnsafeBufferPointer(start: p + fs, count: i - fs), high: high))
            }
            if i >= e { // end of input ends the record
                start = i
                return lines + 1
            }
            let b = p[i]
            if b == delim {
                i += 1
                if fields.count >= maxCells {
                    throw UserError("\(name) row \(nextLine): more than \(maxCells) cells in one record; is this a register?")
                }
                continue
            }
            if b == 0x0D {
                if i + 1 >= e && !atEOF { return nil }
                i += 1
                if i < e && p[i] == 0x0A { i += 1 }
            } else {
                i += 1
            }
            start = i
            return lines + 1
        }
    }

    @inline(__always)
    private func decode(_ bytes: UnsafeBufferPointer<UInt8>, high: UInt8) -> String {
        if high < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        if encoding != .windows1252 {
            if TextDecoding.isValidUTF8(bytes) { return String(decoding: bytes, as: UTF8.self) }
            encoding = .windows1252 // invalid UTF-8 later in the file: the rest is read as Windows-1252
        }
        return TextDecoding.windows1252(bytes)
    }
}
