import CapitalCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered, append-only byte sink over a file descriptor, so writers (CSV, ZIP/XLSX, reports) stream
/// any number of rows in constant memory. It counts bytes written, which the ZIP writer needs for offsets.
package final class ByteOutput {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let flushAt = 256 * 1024
    /// The file's path, for error messages.
    package let path: String
    /// Total bytes written (including those still buffered).
    package private(set) var offset: Int64 = 0

    /// Creates (or truncates) the file at `url`.
    package init(url: URL) throws {
        path = url.path
        fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw UserError("cannot create \(url.path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(flushAt + 4096)
    }

    deinit { try? flush(); close(fd) }

    /// Appends `bytes`, flushing to the file when the buffer is full.
    @inline(__always) package func write(_ bytes: some Sequence<UInt8>) throws {
        let before = buffer.count
        buffer.append(contentsOf: bytes)
        offset += Int64(buffer.count - before)
        if buffer.count >= flushAt { try flush() }
    }

    /// Appends `bytes`; not generic, so writers in other modules need no unspecialised generic call.
    package func write(_ bytes: [UInt8]) throws { try write(bytes[...]) }

    /// Appends `text` as UTF-8.
    @inline(__always) package func write(_ text: String) throws { try write(text.utf8) }

    /// Appends a little-endian 16-bit integer.
    package func writeLE16(_ v: UInt16) throws { try write([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    /// Appends a little-endian 32-bit integer.
    package func writeLE32(_ v: UInt32) throws { try write([UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]) }

    /// Writes the buffered bytes to the file.
    package func flush() throws {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 { if errno == EINTR { continue }; throw UserError("cannot write \(path): \(String(cString: strerror(errno)))") }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
