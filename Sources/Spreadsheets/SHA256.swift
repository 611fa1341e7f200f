import CLibCrypto
import CapitalCore
import Foundation

/// SHA-256, streaming: feed bytes with `update`, read `hexDigest` at the end.
///
/// Computed by the system's OpenSSL (libcrypto, installed with libpq's headers) rather than by hand: the file hash
/// recorded with each import batch (and compared to say "identical to batch N"). Rule kept: a value type; a copy made
/// mid-stream goes on independently (copy on write).
public struct SHA256: @unchecked Sendable {
    /// An OpenSSL digest context, freed with its owner.
    private final class Context {
        let pointer: OpaquePointer
        init() {
            pointer = EVP_MD_CTX_new()!
            guard EVP_DigestInit_ex(pointer, EVP_sha256(), nil) == 1 else { fatalError("OpenSSL: SHA-256 is not available") }
        }
        init(copying other: Context) {
            pointer = EVP_MD_CTX_new()!
            guard EVP_MD_CTX_copy_ex(pointer, other.pointer) == 1 else { fatalError("OpenSSL: cannot copy a SHA-256 context") }
        }
        deinit { EVP_MD_CTX_free(pointer) }
    }

    private var context = Context()
    private var finished: [UInt8]?

    /// Starts a digest with no bytes fed yet.
    public init() {}

    /// Adds bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(finished == nil, "SHA256.update after the digest was read")
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
        guard EVP_DigestUpdate(context.pointer, base, bytes.count) == 1 else { fatalError("OpenSSL: SHA-256 update failed") }
    }

    /// Adds bytes to the message.
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if let done: Void = bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) { return done }
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The 32-byte digest; the hash accepts no more input afterwards.
    public mutating func digest() -> [UInt8] {
        if let finished { return finished }
        if !isKnownUniquelyReferenced(&context) { context = Context(copying: context) }
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context.pointer, &out, &length) == 1, length == 32 else {
            fatalError("OpenSSL: SHA-256 final failed")
        }
        finished = out
        return out
    }

    /// The digest as 64 lowercase hex digits.
    public mutating func hexDigest() -> String { Self.hexText(digest()) }

    /// The hex digest of `bytes`.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var s = SHA256()
        s.update(bytes)
        return s.hexDigest()
    }

    /// The hex digest of a file, read 1 MiB at a time.
    public static func hex(fileAt url: URL) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw UserError("cannot open \(url.path) to compute its SHA-256")
        }
        defer { try? handle.close() }
        var s = SHA256()
        while true {
            let data = try handle.read(upToCount: 1 << 20) ?? Data()
            if data.isEmpty { break }
            data.withUnsafeBytes { s.update($0) }
        }
        return s.hexDigest()
    }

    static func hexText(_ bytes: [UInt8]) -> String {
        let hex: [Character] = Array("0123456789abcdef")
        var s = ""
        s.reserveCapacity(2 * bytes.count)
        for b in bytes { s.append(hex[Int(b >> 4)]); s.append(hex[Int(b & 0xF)]) }
        return s
    }
}
