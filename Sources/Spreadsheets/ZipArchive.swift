import CapitalCore
import Foundation
import CZlib

/// A read-only view of a ZIP archive (an XLSX file is one): its central directory, and each entry
/// as a stream of uncompressed bytes.
///
/// Only what Office writes is supported: stored (method 0) and deflated (method 8) entries, no
/// encryption, no ZIP64 (so parts under 4 GiB). Entries are inflated incrementally, so reading a
/// large worksheet never holds it whole in memory.
final class ZipArchive {
    /// One central-directory record.
    struct Entry: Sendable {
        let name: String
        let method: UInt16
        let compressedSize: Int64
        let uncompressedSize: Int64
        let crc32: UInt32
        let localHeaderOffset: Int64
    }

    let url: URL
    private(set) var entries: [String: Entry] = [:]
    /// The file's size: every offset and size the archive declares is checked against it before use.
    let fileSize: Int64

    /// Opens `url` and reads its central directory; throws a `UserError` when it is not a ZIP file.
    init(url: URL) throws {
        self.url = url
        let file = try FileByteInput(url: url)
        let size = try file.size()
        fileSize = size
        let name = url.lastPathComponent
        let tailLength = Int(min(size, 65_557))
        guard tailLength >= 22 else { throw UserError("\(url.lastPathComponent) is not an XLSX (ZIP) file: too short") }
        let tail = try file.pread(at: size - Int64(tailLength), count: tailLength)
        var eocd = -1
        var i = tailLength - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 0x05, tail[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw UserError("\(url.lastPathComponent) is not an XLSX (ZIP) file: no central directory") }
        let count = Int(tail.le16(eocd + 10))
        let cdSize = Int(tail.le32(eocd + 12))
        let cdOffset = Int64(tail.le32(eocd + 16))
        guard cdOffset != 0xFFFF_FFFF else { throw UserError("\(url.lastPathComponent) is a ZIP64 archive, which is not supported") }
        // The directory must lie inside the file, before its end record, and hold `count` records of at least
        // 46 bytes: checked before anything is allocated, so a forged size cannot cost memory.
        let eocdOffset = size - Int64(tailLength) + Int64(eocd)
        guard cdOffset + Int64(cdSize) <= eocdOffset, count * 46 <= cdSize else {
            throw UserError("\(name): damaged ZIP central directory (\(cdSize) bytes at offset \(cdOffset) in a file of \(size) bytes, \(count) entries)")
        }
        let cd = try file.pread(at: cdOffset, count: cdSize)
        var p = 0
        for _ in 0..<count {
            guard p + 46 <= cd.count, cd.le32(p) == 0x0201_4B50 else { throw UserError("\(name): damaged ZIP central directory") }
            let nameLen = Int(cd.le16(p + 28)), extraLen = Int(cd.le16(p + 30)), commentLen = Int(cd.le16(p + 32))
            guard p + 46 + nameLen + extraLen + commentLen <= cd.count else {
                throw UserError("\(name): damaged ZIP central directory (an entry's name runs past its end)")
            }
            let entryName = String(decoding: cd[(p + 46)..<(p + 46 + nameLen)], as: UTF8.self)
            let entry = Entry(name: entryName, method: cd.le16(p + 10), compressedSize: Int64(cd.le32(p + 20)),
                              uncompressedSize: Int64(cd.le32(p + 24)), crc32: cd.le32(p + 16),
                              localHeaderOffset: Int64(cd.le32(p + 42)))
            guard entry.localHeaderOffset + 30 + entry.compressedSize <= cdOffset else {
                throw UserError("\(name): damaged ZIP entry \(entryName) (it would run past the data, at offset \(entry.localHeaderOffset) of \(size) bytes)")
            }
            entries[entryName] = entry
            p += 46 + nameLen + extraLen + commentLen
        }
    }

    /// A stream of the uncompressed bytes of `name`, or `nil` when the archive has no such entry. An entry
    /// declared larger than `maxSize` is an error, and so is one that inflates to more than it declares (a ZIP
    /// bomb cannot hide behind a small declared size).
    func open(_ name: String, maxSize: Int64 = 0xFFFF_FFFF) throws -> ByteInput? {
        guard let entry = entries[name] else { return nil }
        let file = url.lastPathComponent
        guard entry.uncompressedSize <= maxSize else {
            throw UserError("\(file): part \(name) is \(entry.uncompressedSize) bytes uncompressed; at most \(maxSize) are read")
        }
        let input = try FileByteInput(url: url)
        let local = try input.pread(at: entry.localHeaderOffset, count: 30)
        guard local.le32(0) == 0x0403_4B50 else { throw UserError("\(file): damaged ZIP entry \(name)") }
        let dataOffset = entry.localHeaderOffset + 30 + Int64(local.le16(26)) + Int64(local.le16(28))
        guard dataOffset + entry.compressedSize <= fileSize else {
            throw UserError("\(file): damaged ZIP entry \(name) (its data runs past the end of the file)")
        }
        try input.seek(to: dataOffset)
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw UserError("\(file): damaged ZIP entry \(name) (stored, but its two sizes differ)")
            }
            return BoundedByteInput(input, limit: entry.compressedSize)
        case 8:
            return try InflatingByteInput(BoundedByteInput(input, limit: entry.compressedSize), name: "\(file): \(name)",
                                          limit: entry.uncompressedSize)
        default: throw UserError("\(url.lastPathComponent): entry \(name) uses ZIP method \(entry.method), which is not supported")
        }
    }

    /// The whole uncompressed entry (for the small workbook, rels, styles and shared-strings parts).
    func readAll(_ name: String) throws -> [UInt8]? {
        guard let input = try open(name) else { return nil }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try input.read(into: $0.baseAddress!, count: $0.count) }
            if n == 0 { break }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}

/// At most `limit` bytes of another input.
final class BoundedByteInput: ByteInput {
    private let inner: ByteInput
    private var left: Int64
    init(_ inner: ByteInput, limit: Int64) { self.inner = inner; left = limit }
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if left <= 0 { return 0 }
        let n = try inner.read(into: buffer, count: Int(min(Int64(count), left)))
        left -= Int64(n)
        return n
    }
}

/// Raw-deflate decompression (zlib `inflate`, window bits −15) of another input, chunk by chunk.
final class InflatingByteInput: ByteInput {
    private let inner: ByteInput
    private var stream = z_stream()
    private var inBuf: UnsafeMutablePointer<UInt8>
    private let inCapacity = 64 * 1024
    private var finished = false
    private let name: String
    /// Bytes still allowed out: the entry's declared size.
    private var left: Int64

    init(_ inner: ByteInput, name: String, limit: Int64 = .max) throws {
        self.inner = inner
        self.name = name
        left = limit
        inBuf = .allocate(capacity: inCapacity)
        guard czlib_inflate_init_raw(&stream) == Z_OK else { throw UserError("cannot start inflating \(name)") }
    }

    deinit {
        inflateEnd(&stream)
        inBuf.deallocate()
    }

    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        if finished || count == 0 { return 0 }
        stream.next_out = buffer.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(count)
        while stream.avail_out == UInt32(count) {
            if stream.avail_in == 0 {
                let n = try inner.read(into: inBuf, count: inCapacity)
                stream.next_in = inBuf
                stream.avail_in = UInt32(n)
                if n == 0 { throw UserError("ZIP entry \(name) ends early (truncated file?)") }
            }
            let rc = inflate(&stream, Z_NO_FLUSH)
            if rc == Z_STREAM_END { finished = true; break }
            if rc != Z_OK && rc != Z_BUF_ERROR { throw UserError("ZIP entry \(name) is damaged (inflate error \(rc))") }
        }
        let n = count - Int(stream.avail_out)
        left -= Int64(n)
        if left < 0 { throw UserError("ZIP entry \(name) inflates to more than its declared size: the file is damaged or forged") }
        return n
    }
}

extension Array where Element == UInt8 {
    @inline(__always) func le16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
    @inline(__always) func le32(_ i: Int) -> UInt32 {
        UInt32(self[i]) | UInt32(self[i + 1]) << 8 | UInt32(self[i + 2]) << 16 | UInt32(self[i + 3]) << 24
    }
}
