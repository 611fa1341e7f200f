import CLibPQ
import Foundation

/// Writes rows for ``Connection/copyIn(table:columns:_:)`` in COPY's text format.
///
/// Escapes backslash, tab, newline and carriage return, and writes SQL NULL as `\N`, so any
/// string (a serial number holding a tab, a description with line breaks) arrives intact.
///
/// Two ways to write a row: ``writeRow(_:)`` with an array of optional strings, or field by field
/// (``appendField(_:)-…``, ``appendNull()``, ``appendField(int:)``, or ``beginField()`` followed by
/// ``appendEscaped(_:)`` pieces) closed by ``endRow()``. The field-by-field form writes bytes straight
/// into the send buffer, with no per-field String or Array.
public struct CopyWriter: ~Copyable, CopyRowWriter {
    var buffer: CopyBuffer
    let columnCount: Int
    /// Fields written so far in the row being written.
    private var fieldsInRow = 0
    /// Rows completed with ``endRow()`` (or ``writeRow(_:)``) so far.
    public private(set) var rowsWritten = 0

    init(connection: OpaquePointer, columnCount: Int) {
        buffer = CopyBuffer(connection: connection)
        self.columnCount = columnCount
    }

    /// Appends one row; `fields.count` must equal the number of columns.
    public mutating func writeRow(_ fields: [String?]) throws {
        precondition(fields.count == columnCount, "COPY row has \(fields.count) fields for \(columnCount) columns")
        precondition(fieldsInRow == 0, "writeRow in the middle of a field-by-field row")
        for field in fields { appendField(field) }
        try endRow()
    }

    /// Starts the next field of the current row (writes the separator); follow with ``appendEscaped(_:)``.
    @inline(__always) public mutating func beginField() {
        if fieldsInRow > 0 { buffer.append(byte: 0x09) }
        fieldsInRow += 1
    }

    /// A NULL field.
    public mutating func appendNull() {
        beginField()
        buffer.append(byte: 0x5C); buffer.append(byte: 0x4E) // \N
    }

    /// A text field (NULL when nil), escaped.
    public mutating func appendField(_ value: String?) {
        guard var value else { appendNull(); return }
        beginField()
        value.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// A text field (NULL when nil), escaped.
    public mutating func appendField(_ value: Substring?) {
        guard var value else { appendNull(); return }
        beginField()
        value.withUTF8 { appendEscaped(UnsafeRawBufferPointer($0)) }
    }

    /// An integer field, in decimal.
    public mutating func appendField(int value: Int) {
        beginField()
        appendDecimal(value)
    }

    /// Bytes of the current field (after ``beginField()``), escaped for COPY text format.
    public mutating func appendEscaped(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0 else { return }
        buffer.reserve(2 * n)
        let storage = buffer.storage
        var out = storage + buffer.count
        for b in bytes {
            switch b {
            case 0x5C: out[0] = 0x5C; out[1] = 0x5C; out += 2
            case 0x09: out[0] = 0x5C; out[1] = 0x74; out += 2
            case 0x0A: out[0] = 0x5C; out[1] = 0x6E; out += 2
            case 0x0D: out[0] = 0x5C; out[1] = 0x72; out += 2
            default: out[0] = b; out += 1
            }
        }
        buffer.count = out - storage
    }

    /// `value` in decimal, into the current field.
    private mutating func appendDecimal(_ value: Int) {
        buffer.reserve(24)
        var m = value.magnitude
        if value < 0 { buffer.append(byte: 0x2D) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes of scratch, written backwards
        withUnsafeMutableBytes(of: &digits) { scratch in
            var i = 24
            repeat {
                i -= 1
                scratch[i] = UInt8(truncatingIfNeeded: m % 10) + 0x30
                m /= 10
            } while m > 0
            buffer.append(UnsafeRawBufferPointer(rebasing: scratch[i...]))
        }
    }

    mutating func finish() throws { try buffer.finish() }

    func abandon() { buffer.abandon() }

    /// Ends the current row; every column must have been written.
    public mutating func endRow() throws {
        precondition(fieldsInRow == columnCount, "COPY row has \(fieldsInRow) fields for \(columnCount) columns")
        buffer.append(byte: 0x0A)
        fieldsInRow = 0
        rowsWritten += 1
        try buffer.rowEnded()
    }
}
