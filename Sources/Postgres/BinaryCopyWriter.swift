import CLibPQ
import Foundation

/// Writes rows for ``Connection/copyInBinary(table:columns:_:)`` in COPY's binary format: per row a
/// field count, per field its length (-1 for NULL) and its value in the type's binary send form.
///
/// Each `append…` call writes the next field of the current row and must match the column's type
/// exactly (the server checks lengths, not meaning: an `int4` written into a `bigint` column is
/// refused, a `date` written as an `int4` is not): `int2`/`int4`/`int8`, `bool`, `"char"`, `text`
/// (UTF-8), `date`, `numeric`, `jsonb`. ``endRow()`` checks that every column was written.
public struct BinaryCopyWriter: ~Copyable, CopyRowWriter {
    var buffer: CopyBuffer
    let columnCount: Int
    private var fieldsInRow = 0
    /// Rows completed with ``endRow()`` so far.
    public private(set) var rowsWritten = 0
    /// 2000-01-01, PostgreSQL's date epoch, in days after 1970-01-01.
    static let postgresEpochDay = 10_957

    init(connection: OpaquePointer, columnCount: Int) {
        buffer = CopyBuffer(connection: connection)
        self.columnCount = columnCount
        // Signature, flags (no OIDs), header extension length.
        let signature: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00]
        signature.withUnsafeBytes { buffer.append($0) }
        buffer.append(bigEndian: Int32(0))
        buffer.append(bigEndian: Int32(0))
    }

    /// Starts a field of `length` bytes (the row's field count first, before its first field).
    @inline(__always) private mutating func field(length: Int32) {
        if fieldsInRow == 0 { buffer.append(bigEndian: Int16(columnCount)) }
        fieldsInRow += 1
        buffer.append(bigEndian: length)
    }

    /// A NULL field, whatever the column's type.
    public mutating func appendNull() { field(length: -1) }

    /// An `int2` (`smallint`) field.
    public mutating func appendInt16(_ v: Int16) { field(length: 2); buffer.append(bigEndian: v) }
    /// An `int4` (`integer`) field.
    public mutating func appendInt32(_ v: Int32) { field(length: 4); buffer.append(bigEndian: v) }
    /// An `int8` (`bigint`) field.
    public mutating func appendInt64(_ v: Int64) { field(length: 8); buffer.append(bigEndian: v) }
    /// A `bool` field.
    public mutating func appendBool(_ v: Bool) { field(length: 1); buffer.append(byte: v ? 1 : 0) }
    /// A `"char"` value: one byte.
    public mutating func appendChar(_ byte: UInt8) { field(length: 1); buffer.append(byte: byte) }

    /// A `text` (or `varchar`) value: its UTF-8 bytes.
    public mutating func appendText(_ utf8: UnsafeRawBufferPointer) {
        field(length: Int32(utf8.count))
        buffer.append(utf8)
    }

    /// A `text` value, NULL when nil.
    public mutating func appendText(_ value: String?) {
        guard var value else { appendNull(); return }
        value.withUTF8 { appendText(UnsafeRawBufferPointer($0)) }
    }

    /// A `date` given as days after 1970-01-01 (sent as days after 2000-01-01).
    public mutating func appendDate(daysSince1970 days: Int) {
        field(length: 4)
        buffer.append(bigEndian: Int32(days - BinaryCopyWriter.postgresEpochDay))
    }

    /// A `numeric` worth `units` × 10^-`scale` (0 ≤ scale ≤ 4), shown with `scale` decimals:
    /// `appendNumeric(123450, scale: 2)` is 1234.50. The column's own scale still applies.
    public mutating func appendNumeric(_ units: Int64, scale: Int) {
        precondition((0...4).contains(scale), "numeric scale \(scale) outside 0...4")
        // Base-10000 digits: the integer part, then one digit for the (up to four) decimals.
        let unit = UInt64([1, 10, 100, 1000, 10000][scale])
        var whole = units.magnitude / unit
        let fraction = UInt16((units.magnitude % unit) * (10000 / unit))
        var digits: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0) // integer part, backwards
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            let d = d.bindMemory(to: UInt16.self)
            while whole > 0 { d[n] = UInt16(whole % 10000); whole /= 10000; n += 1 }
        }
        let weight = n > 0 ? n - 1 : -1
        // Trailing zero digits are left out (the value stays the same; dscale keeps the decimals shown).
        var trailingZeros = 0
        if fraction == 0 {
            trailingZeros = 1
            withUnsafeBytes(of: &digits) { d in
                let d = d.bindMemory(to: UInt16.self)
                while trailingZeros - 1 < n && d[trailingZeros - 1] == 0 { trailingZeros += 1 }
            }
        }
        let count = n + 1 - trailingZeros
        field(length: Int32(8 + 2 * count))
        buffer.append(bigEndian: Int16(count))
        buffer.append(bigEndian: Int16(count == 0 ? 0 : weight))
        buffer.append(bigEndian: UInt16(units < 0 && count > 0 ? 0x4000 : 0))
        buffer.append(bigEndian: Int16(scale))
        withUnsafeBytes(of: &digits) { d in
            let d = d.bindMemory(to: UInt16.self)
            var i = n - 1
            var written = 0
            while written < count && i >= 0 { buffer.append(bigEndian: d[i]); i -= 1; written += 1 }
            if written < count { buffer.append(bigEndian: fraction) }
        }
    }

    /// A `jsonb` value from its JSON text (the binary form is a version byte, 1, then the text).
    public mutating func appendJSONB(_ utf8: UnsafeRawBufferPointer) {
        field(length: Int32(utf8.count + 1))
        buffer.append(byte: 1)
        buffer.append(utf8)
    }

    /// Ends the current row; every column must have been written.
    public mutating func endRow() throws {
        precondition(fieldsInRow == columnCount, "COPY row has \(fieldsInRow) fields for \(columnCount) columns")
        fieldsInRow = 0
        rowsWritten += 1
        try buffer.rowEnded()
    }

    /// The trailer, then everything sent.
    mutating func finish() throws {
        precondition(fieldsInRow == 0, "COPY ended in the middle of a row")
        buffer.append(bigEndian: Int16(-1))
        try buffer.finish()
    }

    func abandon() { buffer.abandon() }
}
