import CapitalCore
import Foundation
import CZlib

/// A minimal streaming ZIP writer: entries are deflated (raw deflate via zlib) or stored, written one
/// after another with a trailing data descriptor (so sizes and CRC-32 need not be known up front), then
/// the central directory. Timestamps are fixed (1980-01-01) so the same content gives the same bytes.
final class ZipWriter {
    private struct Record { let name: [UInt8]; let offset: UInt32; let crc: UInt32; let csize: UInt32; let usize: UInt32; let method: UInt16 }
    private let out: ByteOutput
    private var records: [Record] = []
    private var current: (name: [UInt8], offset: Int64, method: UInt16)?
    private var crc: UInt = 0
    private var usize: Int64 = 0
    private var csizeStart: Int64 = 0
    private var stream = z_stream()
    private var outChunk = [UInt8](repeating: 0, count: 64 * 1024)

    init(url: URL) throws { out = try ByteOutput(url: url) }

    /// Starts an entry; `deflate` false stores it uncompressed.
    func beginEntry(_ name: String, deflate: Bool = true) throws {
        precondition(current == nil, "finish the previous ZIP entry first")
        let nameBytes = Array(name.utf8)
        let method: UInt16 = deflate ? 8 : 0
        current = (nameBytes, out.offset, method)
        try out.writeLE32(0x0403_4B50)
        try out.writeLE16(20); try out.writeLE16(0x0808) // version; flags: data descriptor + UTF-8 names
        try out.writeLE16(method); try out.writeLE16(0); try out.writeLE16(0x21) // time 00:00, date 1980-01-01
        try out.writeLE32(0); try out.writeLE32(0); try out.writeLE32(0)
        try out.writeLE16(UInt16(nameBytes.count)); try out.writeLE16(0)
        try out.write(nameBytes)
        crc = crc32(0, nil, 0)
        usize = 0
        csizeStart = out.offset
        if deflate { guard czlib_deflate_init_raw(&stream, 6) == Z_OK else { throw UserError("cannot start deflate") } }
    }

    /// Appends uncompressed bytes to the current entry.
    func write(_ bytes: [UInt8]) throws {
        guard let cur = current else { preconditionFailure("no open ZIP entry") }
        if bytes.isEmpty { return }
        bytes.withUnsafeBufferPointer { crc = crc32(crc, $0.baseAddress, UInt32($0.count)) }
        usize += Int64(bytes.count)
        if cur.method == 0 { try out.write(bytes); return }
        try bytes.withUnsafeBufferPointer { src in
            stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress)
            stream.avail_in = UInt32(src.count)
            try pump(flush: Z_NO_FLUSH)
        }
    }

    private func pump(flush: Int32) throws {
        repeat {
            let produced: Int = try outChunk.withUnsafeMutableBufferPointer { dst in
                stream.next_out = dst.baseAddress
                stream.avail_out = UInt32(dst.count)
                let rc = deflate(&stream, flush)
                if rc == Z_STREAM_ERROR { throw UserError("deflate failed") }
                return dst.count - Int(stream.avail_out)
            }
            try out.write(outChunk[0..<produced])
        } while stream.avail_out == 0 || (flush == Z_FINISH && stream.avail_in > 0)
    }

    /// Finishes the current entry (flushes deflate, writes the data descriptor).
    func endEntry() throws {
        guard let cur = current else { return }
        if cur.method == 8 {
            stream.next_in = nil; stream.avail_in = 0
            var rc: Int32 = Z_OK
            while rc != Z_STREAM_END {
                rc = try outChunk.withUnsafeMutableBufferPointer { dst in
                    stream.next_out = dst.baseAddress
                    stream.avail_out = UInt32(dst.count)
                    let rc = deflate(&stream, Z_FINISH)
                    if rc == Z_STREAM_ERROR { throw UserError("deflate failed") }
                    return rc
                }
                try out.write(outChunk[0..<(outChunk.count - Int(stream.avail_out))])
            }
            deflateEnd(&stream)
        }
        let csize = out.offset - csizeStart
        guard csize < 0xFFFF_FFFF, usize < 0xFFFF_FFFF, cur.offset < 0xFFFF_FFFF else { throw UserError("ZIP entry too large (ZIP64 not supported)") }
        try out.writeLE32(0x0807_4B50); try out.writeLE32(UInt32(crc)); try out.writeLE32(UInt32(csize)); try out.writeLE32(UInt32(usize))
        records.append(Record(name: cur.name, offset: UInt32(cur.offset), crc: UInt32(crc), csize: UInt32(csize), usize: UInt32(usize), method: cur.method))
        current = nil
    }

    /// Writes a whole entry at once.
    func addEntry(_ name: String, _ text: String, deflate: Bool = true) throws {
        try beginEntry(name, deflate: deflate)
        try write(Array(text.utf8))
        try endEntry()
    }

    /// Writes the central directory and closes the file.
    func close() throws {
        try endEntry()
        let cdStart = out.offset
        for r in records {
            try out.writeLE32(0x0201_4B50)
            try out.writeLE16(20); try out.writeLE16(20); try out.writeLE16(0x0808)
            try out.writeLE16(r.method); try out.writeLE16(0); try out.writeLE16(0x21)
            try out.writeLE32(r.crc); try out.writeLE32(r.csize); try out.writeLE32(r.usize)
            try out.writeLE16(UInt16(r.name.count)); try out.writeLE16(0); try out.writeLE16(0)
            try out.writeLE16(0); try out.writeLE16(0); try out.writeLE32(0)
            try out.writeLE32(r.offset)
            try out.write(r.name)
        }
        let cdSize = out.offset - cdStart
        try out.writeLE32(0x0605_4B50)
        try out.writeLE16(0); try out.writeLE16(0)
        try out.writeLE16(UInt16(records.count)); try out.writeLE16(UInt16(records.count))
        try out.writeLE32(UInt32(cdSize)); try out.writeLE32(UInt32(cdStart))
        try out.writeLE16(0)
        try out.flush()
    }
}
