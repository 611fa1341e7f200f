import CapitalCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A source of bytes read in fixed-size chunks, so a reader's memory does not grow with file size.
///
/// Readers pull from a `ByteInput` instead of loading a file: a file descriptor, an inflating ZIP entry
/// or an in-memory buffer (tests). `read(into:)` fills at most `count` bytes and returns 0 only at the end.
public protocol ByteInput: AnyObject {
    /// Reads up to `count` bytes into `buffer`, returning how many were read (0 at the end).
    func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int
}

/// A file read through a POSIX file descriptor, 64 KiB at a time by its consumers.
///
/// The descriptor is closed when the object is released; errors name the file.
public final class FileByteInput: ByteInput {
    private let fd: Int32
    /// The file's path, for error messages.
    public let path: String

    /// Opens `url` for reading, or throws a `UserError` naming the file.
    public init(url: URL) throws {
        path = url.path
        fd = open(url.path, O_RDONLY)
        if fd < 0 { throw UserError("cannot open \(url.path): \(String(cString: strerror(errno)))") }
    }

    deinit { close(fd) }

    /// Reads up to `count` bytes into `buffer`, returning how many were read (0 at the end).
    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        while true {
            let n = Glibc_read(fd, buffer, count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw UserError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Reads exactly `count` bytes at `offset` (used by the ZIP reader for headers).
    func pread(at offset: Int64, count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = out.withUnsafeMutableBytes { raw in
                Glibc_pread(fd, raw.baseAddress! + done, count - done, offset + Int64(done))
            }
            if n < 0 { if errno == EINTR { continue }; throw UserError("cannot read \(path): \(String(cString: strerror(errno)))") }
            if n == 0 { throw UserError("\(path) ends early (truncated file?)") }
            done += n
        }
        return out
    }

    /// Moves the read position to `offset` from the start of the file.
    func seek(to offset: Int64) throws {
        if lseek(fd, off_t(offset), SEEK_SET) < 0 { throw UserError("cannot seek in \(path)") }
    }

    /// The file size in bytes.
    func size() throws -> Int64 {
        var st = stat()
        if fstat(fd, &st) != 0 { throw UserError("cannot stat \(path)") }
        return Int64(st.st_size)
    }
}

@inline(__always) private func Glibc_read(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buf, n)
    #else
    return Darwin.read(fd, buf, n)
    #endif
}

@inline(__always) private func Glibc_pread(_ fd: Int32, _ buf: UnsafeMutableRawPointer, _ n: Int, _ off: Int64) -> Int {
    #if canImport(Glibc)
    return Glibc.pread(fd, buf, n, off_t(off))
    #else
    return Darwin.pread(fd, buf, n, off_t(off))
    #endif
}

/// Bytes held in memory, read as if from a file (tests and small generated parts).
public final class MemoryByteInput: ByteInput {
    private let bytes: [UInt8]
    private var position = 0
    /// Reads `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    /// Reads the UTF-8 bytes of `text`.
    public convenience init(_ text: String) { self.init(Array(text.utf8)) }
    /// Reads up to `count` bytes into `buffer`, returning how many were read (0 at the end).
    public func read(into buffer: UnsafeMutableRawPointer, count: Int) throws -> Int {
        let n = min(count, bytes.count - position)
        if n <= 0 { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.copyMemory(from: src.baseAddress! + position, byteCount: n)
        }
        position += n
        return n
    }
}
