import Foundation

/// Passes bytes through from a file, counting them (for progress) and hashing them (for the batch),
/// so a CSV is read once. Used from the prefetch thread and read from the importing one: guarded by a lock.
package final class HashingByteInput: ByteInput, @unchecked Sendable {
    private let base: ByteInput
    private let lock = NSLock()
    private var count: Int64 = 0
    private var hash = SHA256()
    private var ended = false

    /// Wraps `base`; every byte read through it is counted and hashed.
    package init(_ base: ByteInput) { self.base = base }

    /// Reads from the wrapped input, counting and hashing what it gives.
    package func read(into buffer: UnsafeMutableRawPointer, count n: Int) throws -> Int {
        let got = try base.read(into: buffer, count: n)
        lock.lock()
        defer { lock.unlock() }
        if got == 0 { ended = true } else {
            hash.update(UnsafeRawBufferPointer(start: buffer, count: got))
            count += Int64(got)
        }
        return got
    }

    /// Bytes read so far.
    package var bytesRead: Int64 { lock.lock(); defer { lock.unlock() }; return count }

    /// The hash when the whole file was read, else nil.
    package func finish() -> String? {
        lock.lock(); defer { lock.unlock() }
        return ended ? hash.hexDigest() : nil
    }
}
