import CapitalCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered, append-only byte sink over a file descriptor, so writers (CSV, ZIP/XLSX, reports) stream
/// any number of rows in constant memory. It counts bytes written, which the ZIP writer needs for offsets.
public final class ByteOutput {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let flushAt = 256 * 1024
    public let path: String
    /// Total bytes written (including those still buffered).
    public private(set) var offset: Int64 = 0

    /// Creates (or truncates) the file at `url`.
    public init(url: URL) throws {
        path = url.path
        fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd < 0 { throw UserError("cannot create \(url.path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(flushAt + 4096)
    }

    deinit { try? flush(); close(fd) }

    @inline(__always) public func write(_ bytes: some Sequence<UInt8>) throws {
        let before = buffer.count
        buffer.append(contentsOf: bytes)
        offset += Int64(buffer.count - before)
        if buffer.count >= flushAt { try flush() }
    }

    @inline(__always) public func write(_ text: String) throws { try write(text.utf8) }

    public func writeLE16(_ v: UInt16) throws { try write([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    public func writeLE32(_ v: UInt32) throws { try write([UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)]) }

    /// Writes the buffered bytes to the file.
    public func flush() throws {
        var done = 0
        while done < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 { if errno == EINTR { continue }; throw UserError("cannot write \(path): \(String(cString: strerror(errno)))") }
            done += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
